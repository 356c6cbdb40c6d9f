"""Read `# METADATA` annotations from Rego source.

Neither embedded engine implements ``rego.metadata.rule()``, so the annotations are parsed
here and attached to findings by rule id (``custom.id``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated

import yaml

from governance.typed_json import NOT_IN_JSON, OMIT_DEFAULT, Spec, to_json

# libyaml's safe loader when present: the same result, ~0.1 s less on every check
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SEVERITIES = ("error", "warning", "info")
#: The rule catalogue (`governance policy doc -o docs/policies.md`): a section per shipped rule.
RULE_DOCS = "https://github.com/model-governance/model-governance/blob/main/docs/policies.md"
BUILT_IN = "built-in"
RULE_ID = re.compile(r"^GOV-[A-Z]+-[0-9]{3}$")
_HEAD = re.compile(r"^\s*([a-z_][A-Za-z0-9_]*)\b")


@dataclass(frozen=True, kw_only=True)
class RuleInfo:
    """A rule as its METADATA describes it."""

    id: Annotated[
        str,
        Spec(
            description="The rule id (GOV-AREA-NNN by convention; `governance policy check` "
            "enforces it).",
            minLength=1,
        ),
    ]
    title: Annotated[str, Spec(description="Short title.")]
    description: Annotated[str, Spec(description="What the rule checks and why.")]
    severity: Annotated[
        str,
        Spec(
            description="The severity the METADATA declares; '' when it declares none "
            "(`governance policy check` reports that).",
            enum=(*SEVERITIES, ""),
        ),
    ]
    controls: Annotated[
        tuple[str, ...], Spec(description="Framework controls the rule implements.")
    ] = ()
    remediation: Annotated[str, Spec(description="How to fix a finding of this rule.")]
    area: Annotated[
        str,
        Spec(
            description="Policy area: the Rego package below governance.rules (residency, "
            "licenses, ...), or 'waivers'."
        ),
    ] = ""
    kind: Annotated[str, NOT_IN_JSON] = (
        ""  # the rule head the block annotates: deny, warn, obligation
    )
    path: Annotated[str, NOT_IN_JSON] = ""
    line: Annotated[int, NOT_IN_JSON] = 0
    extra: Annotated[dict, NOT_IN_JSON] = field(default_factory=dict, compare=False, hash=False)
    # Its section in the rule catalogue; set when the policy set is loaded, for shipped rules
    # only (custom rules have none there). Not part of the JSON report's rule.
    help_uri: Annotated[str, NOT_IN_JSON] = field(default="", compare=False, hash=False)
    # "built-in", or "custom (policies/)": the organization's directory the rule comes from
    origin: Annotated[
        str,
        OMIT_DEFAULT,
        Spec(
            description="Where the organization's own rule comes from, e.g. 'custom "
            "(policies/)'; absent for built-in rules.",
            pattern=r"^custom \(.+/\)$",
        ),
    ] = BUILT_IN

    def as_dict(self) -> dict:
        """The rule as the JSON report (and `policy doc -o json`) writes it."""
        return to_json(self)


class MetadataError(ValueError):
    """A METADATA block that cannot be read; carries where it is."""

    def __init__(self, path: str, line: int, message: str):
        self.path, self.line = path, line
        super().__init__(message)


@dataclass(frozen=True)
class Annotation:
    """One METADATA block as written, with where it was and which rule head follows it."""

    path: str
    line: int
    head: str
    package: str
    values: dict


def read_annotations(path: str, text: str) -> list[Annotation]:
    lines = text.splitlines()
    package = ""
    found = []
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if stripped.startswith("package "):
            package = stripped.split()[1]
        if stripped == "# METADATA":
            start = index + 1
            index += 1
            body = []
            while index < len(lines) and lines[index].lstrip().startswith("#"):
                comment = lines[index].lstrip()[1:]
                body.append(comment[1:] if comment.startswith(" ") else comment)
                index += 1
            head_line = lines[index] if index < len(lines) else ""
            match = _HEAD.match(head_line)
            try:
                values = yaml.load("\n".join(body), Loader=_SAFE_LOADER) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                offset = mark.line if mark is not None else 0
                problem = getattr(exc, "problem", None) or "invalid YAML"
                raise MetadataError(
                    path, start + 1 + offset, f"METADATA is not valid YAML: {problem}"
                ) from None
            found.append(Annotation(path, start, match.group(1) if match else "", package, values))
            continue
        index += 1
    return found


def rule_docs_uri(rule_id: str) -> str:
    return f"{RULE_DOCS}#{rule_id.lower()}"


def rule_info(annotation: Annotation) -> RuleInfo | None:
    """A RuleInfo when the block has a custom.id; None for blocks that are not rules."""
    values = annotation.values if isinstance(annotation.values, dict) else {}
    custom = values.get("custom")
    if not isinstance(custom, dict):
        custom = {}
    rule_id = custom.get("id")
    if not rule_id:
        return None
    controls = custom.get("controls") or []
    area = annotation.package.removeprefix("governance.rules.")
    return RuleInfo(
        id=str(rule_id),
        title=str(values.get("title", "")).strip(),
        description=" ".join(str(values.get("description", "")).split()),
        severity=str(custom.get("severity", "")),
        remediation=" ".join(str(custom.get("remediation", "")).split()),
        controls=tuple(str(c) for c in controls),
        area=area,
        kind=annotation.head,
        path=annotation.path,
        line=annotation.line,
        extra={
            k: v
            for k, v in custom.items()
            if k not in {"id", "severity", "controls", "remediation"}
        },
        origin=origin_of(annotation.path),
    )


def origin_of(module: str) -> str:
    """built-in for the library's modules, else the directory of the organization's rule."""
    if module.startswith("builtin/"):
        return BUILT_IN
    parent = module.rsplit("/", 1)[0] if "/" in module else "."
    return f"custom ({parent}/)"
