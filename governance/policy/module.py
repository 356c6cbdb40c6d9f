"""One Rego file as the policy set holds it: its own module, so the loader (files.py) and the
checks run on what it loads (recursion.py) both import it without importing each other."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class PolicyModule:
    """One Rego file: its name as shown to users, its text, and whose it is."""

    name: str
    text: str
    origin: str  # "builtin" or "custom"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
