"""`python -m normcheck`: the command line, also straight from a checkout."""

from normcheck.cli.entry import main

main()
