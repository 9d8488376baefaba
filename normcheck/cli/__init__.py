"""The command line: the only layer that talks to the terminal, reads options and exits."""
