"""`python -m core ...`: see core/io/cli/main.py."""

import sys

from core.io.cli.main import main

sys.exit(main())
