"""`python -m app`: the same as the `yanji` command."""

import sys

from app.cli import main

sys.exit(main())
