"""model-governance: decide whether an organization's choices of AI models are allowed."""

__version__ = "0.1.0"
