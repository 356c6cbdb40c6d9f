"""What an importer returns: model entries, and warnings located in the input."""

from __future__ import annotations

from dataclasses import dataclass, field

from governance.errors import InputProblem, SourceLocation
from governance.inventory import pointer as jp
from governance.inventory.yamlfile import YamlDocument

# A value the importer could not map (or a fact it had to leave out), at its place: an input
# problem of severity "warning".
Notice = InputProblem


@dataclass
class ImportedModel:
    """One model entry in the inventory format (no deployments) and where it was read."""

    facts: dict
    origin: SourceLocation
    missing: list[str] = field(default_factory=list)
    #: the MOF class the policy library derives, and what the next class needs (for review)
    openness: str | None = None


@dataclass
class Collector:
    """Gathers notices for one input document, located through its source map."""

    document: YamlDocument
    notices: list[Notice] = field(default_factory=list)

    def warn(self, pointer: str, message: str, hint: str = "") -> None:
        self.notices.append(
            Notice(self.document.locate(pointer), pointer, message, hint, severity="warning")
        )

    def unmapped(self, pointer: str, mapping: dict, used: set[str], hint: str = "") -> None:
        """One warning per key of ``mapping`` the importer did not read (empty values aside)."""
        for key in sorted(set(mapping) - used):
            value = mapping[key]
            if value in (None, "", [], {}):
                continue
            self.warn(
                jp.join(pointer, key),
                f"{_show(value)} is not imported: the inventory format has no field for it",
                hint,
            )


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, dict):
        return "this mapping"
    if isinstance(value, list):
        return "this list"
    return repr(value)
