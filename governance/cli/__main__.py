"""`python -m governance.cli`."""

from governance.cli import run

run()
