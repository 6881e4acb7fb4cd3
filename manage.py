#!/usr/bin/env python
"""Django's manage.py; the same as the installed ``kolokol`` command."""

from kolokol.cli import main

if __name__ == "__main__":
    main()
