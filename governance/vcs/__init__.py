"""Reading the repository as it was at another commit (for `check --base REF`)."""
