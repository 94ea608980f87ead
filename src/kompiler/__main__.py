"""Allow ``python -m kompiler``."""

from kompiler.cli import main

main()
