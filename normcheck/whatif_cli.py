"""Sub-commands registered on normcheck.cli.app (being built)."""
