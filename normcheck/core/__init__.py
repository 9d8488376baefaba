"""The pure middle: dwellings to people to required m², beside planned m²; the Report; the
policy, timeline, value ranges, explanations, comparisons, diffs and sweeps. No file is read here
and nothing is printed."""
