"""From a pointer in the merged inventory back to the file, line and column it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from governance.errors import SourceLocation
from governance.inventory import pointer as jp
from governance.inventory.yamlfile import YamlDocument

LIST_SECTIONS = ("models", "use_cases", "exceptions")


@dataclass
class SourceMap:
    """Merged inventories keep, per section item, the document and pointer it was read at."""

    documents: list[YamlDocument] = field(default_factory=list)
    origins: dict[str, list[tuple[YamlDocument, str]]] = field(
        default_factory=lambda: {name: [] for name in LIST_SECTIONS}
    )
    organization: YamlDocument | None = None
    _located: dict[str, SourceLocation] = field(default_factory=dict, repr=False)

    def add_item(self, section: str, document: YamlDocument, index: int) -> None:
        self.origins[section].append((document, jp.join("", section, index)))

    def origin(self, pointer: str) -> tuple[YamlDocument, str] | None:
        if "~" not in pointer:  # fast path: no escaped tokens, rewrite only the prefix
            parts = pointer.split("/", 3)
            if len(parts) >= 3 and parts[1] in self.origins and parts[2].isdigit():
                items = self.origins[parts[1]]
                index = int(parts[2])
                if index < len(items):
                    document, prefix = items[index]
                    return document, prefix + ("/" + parts[3] if len(parts) == 4 else "")
        tokens = jp.split(pointer)
        if len(tokens) >= 2 and tokens[0] in self.origins and tokens[1].isdigit():
            items = self.origins[tokens[0]]
            index = int(tokens[1])
            if index < len(items):
                document, prefix = items[index]
                return document, prefix + jp.join("", *tokens[2:])
        if tokens and tokens[0] == "organization" and self.organization is not None:
            return self.organization, pointer
        if self.documents:
            return self.documents[0], pointer
        return None

    def locate(self, pointer: str) -> SourceLocation:
        cached = self._located.get(pointer)
        if cached is None:  # many findings share a field (a deployment used by many choices)
            cached = self._located[pointer] = self.place(pointer)[0]
        return cached

    def place(self, pointer: str) -> tuple[SourceLocation, str]:
        """Location and file-local pointer of a merged-inventory pointer (for messages that
        name a file: /models/0 of the second file is /models/3 of the merged inventory)."""
        found = self.origin(pointer)
        if found is None:
            return SourceLocation("<inventory>", 1, 1), pointer
        document, local = found
        return document.locate(local), local
