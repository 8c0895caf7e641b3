"""Allow `python -m specrepo`."""

from specrepo.cli import main

main()
