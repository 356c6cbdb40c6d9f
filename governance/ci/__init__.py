"""Continuous-integration glue: the GitHub Action's step (action.yml at the repository root)."""
