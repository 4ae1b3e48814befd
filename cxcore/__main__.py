"""`python -m cxcore`: the pipeline from a terminal."""

import sys

from cxcore.cli import main

sys.exit(main())
