"""`python -m inspector_app` is the `inspector` command."""

import sys

from .cli import main

sys.exit(main())
