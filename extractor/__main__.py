"""`python -m extractor` runs the command line."""

from .cli import main

main()
