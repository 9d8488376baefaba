from normcheck.cli.app import main

main()
