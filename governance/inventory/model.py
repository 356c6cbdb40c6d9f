"""The loaded inventory: what the loader returns and every later stage reads.

Its own module, so that the loader and the cross-reference checks both use it without
importing each other.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from governance.inventory.sourcemap import SourceMap
from governance.inventory.types import Model, Organization, UseCase, Waiver
from governance.paths import display_path


@dataclass
class Inventory:
    """One organization's merged inventory, with the way back to its source lines."""

    organization: Organization
    models: list[Model]
    use_cases: list[UseCase]
    exceptions: list[Waiver]
    files: list[Path]
    sources: SourceMap
    # Each use case as JSON data (model_dump(mode="json")), in order, when the loader was asked
    # for it (load_inventory(..., with_json=True)): what the engine's input is built from.
    use_case_json: list[dict] = field(default_factory=list, repr=False)

    def digests(self) -> list[tuple[str, str]]:
        """(path as shown, SHA-256) of every input file, of the bytes that were read."""
        read = {document.path: document.sha256 for document in self.sources.documents}
        inputs = []
        for path in self.files:
            shown = display_path(path)
            digest = read.get(shown) or hashlib.sha256(path.read_bytes()).hexdigest()
            inputs.append((shown, digest))
        return inputs

    @property
    def choice_count(self) -> int:
        return sum(len(u.model_choices) for u in self.use_cases)

    def summary(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (
            f"{self.organization.id}: {plural(len(self.models), 'model')}, "
            f"{plural(len(self.use_cases), 'use case')}, "
            f"{plural(len(self.exceptions), 'exception')}"
        )
