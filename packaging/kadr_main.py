"""The frozen program's entry point (packaging/kadr.spec): the same verbs as `kadr`."""

import sys

from kadr.cli import main

if __name__ == "__main__":
    sys.exit(main())
