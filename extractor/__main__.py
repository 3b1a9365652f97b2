"""`python -m extractor` is the `prfacts` command."""

import sys

from .cli import main

sys.exit(main())
