"""How far a timeline looks ahead: the default and the most years (a light module, no pandas, so
the command line and the pipeline can name the bounds without loading the calculation)."""

DEFAULT_HORIZON = 30
MAX_HORIZON = 100
