"""``python -m nmgpolicy`` runs the command line."""

import sys

from nmgpolicy.cli import main

sys.exit(main())
