"""The release of model-governance, recorded in every report's evidence (its own module, so
that any layer reads it without importing the package's lazy library API)."""

__version__ = "0.1.0"
