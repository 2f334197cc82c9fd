"""``python -m qca``: the same command line as ``qca``."""

import sys

from .cli import main

sys.exit(main())
