from kolokol.cli import main

main()
