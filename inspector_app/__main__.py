"""`python -m inspector_app` is the `inspector` command."""

import sys

from .launch import main

sys.exit(main())
