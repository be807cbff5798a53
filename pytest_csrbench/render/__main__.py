"""`python -m pytest_csrbench.render FILE...`: the same as `csrbench render`."""

import sys

from .cli import main

sys.exit(main())
