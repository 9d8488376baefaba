"""Norm frameworks: loading a shipped or own framework (YAML, `extends:`), validating it against
the schema and the sanity checks, what-if overlays, and the validated model the core reads."""
