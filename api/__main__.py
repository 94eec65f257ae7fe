"""`python -m api`: the gateway alone (what `haven serve` runs)."""

import sys

from haven.commands import serve_gateway

sys.exit(serve_gateway())
