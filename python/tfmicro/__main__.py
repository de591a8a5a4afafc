"""``python -m tfmicro``: the same as the ``tfmicro`` command."""

import sys

from tfmicro.cli import main

sys.exit(main())
