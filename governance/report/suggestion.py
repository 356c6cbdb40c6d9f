"""`governance suggest` output: a ranked table (text or Markdown) or JSON.

Markdown cells go through the reports' `escape()`, like every inventory string in the PR
comment; the text table shows inventory text `visible()` (governance.output_safety) and clips long
cells, so a row stays one line and no line can act on a terminal or a CI log.
"""

from __future__ import annotations

import json

from governance.clock import utc_text
from governance.evaluation.candidates import Candidate
from governance.evaluation.suggest import Suggestion
from governance.output_safety import plain_line, visible
from governance.report.markdown import escape

FORMATS = ("text", "json", "markdown")
MAX_CELL = 32  # characters of one free-text cell of the text table (operator, terms, vendors)
KEPT_WHOLE = {0, 1, 2, 3, 4, 7}  # rank, candidate, decision, rules, access, locations

HEADERS = (
    "#",
    "candidate",
    "decision",
    "rules still firing",
    "access / MOF",
    "operated by",
    "safety controls",
    "processing -> storage",
    "vendor retention / training",
    "new vendor",
)


def _terms(facts: dict) -> str:
    retention = facts["retention"]
    if retention is None:
        return "none (org-operated)"
    parts = [f"{retention['days']} d"]
    if retention["zero_data_retention"]:
        parts.append("ZDR")
    parts.append("human review" if retention["human_review_possible"] else "no human review")
    return f"{', '.join(parts)}; training {facts['training_on_customer_data']}"


def cells(rank: object, candidate: Candidate) -> list[str]:
    facts = candidate.facts
    name = f"{candidate.model} on {candidate.deployment}"
    if candidate.hypothetical is not None:
        name += " (hypothetical)"
    controls = facts["safety_controls"]
    return [
        str(rank),
        name,
        candidate.decision,
        ", ".join(candidate.outcome.rules) or "-",
        f"{facts['access_class']} / {facts['mof_class'] or '?'}",
        f"{facts['operator']} ({facts['mode']})",
        f"org {len(controls['org'])}, vendor {len(controls['vendor'])}",
        f"{', '.join(facts['processing_locations'])} -> "
        f"{', '.join(facts['storage_locations']) or '(none recorded)'}",
        _terms(facts),
        ", ".join(facts["new_vendors"]) or "-",
    ]


def _shown_cells(rank: object, candidate: Candidate) -> list[str]:
    """The cells as the text table shows them: inventory text `visible()` before widths."""
    return [visible(cell) for cell in cells(rank, candidate)]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _clock(suggestion: Suggestion) -> str:
    return utc_text(suggestion.now) if suggestion.now else ""


def _heading(suggestion: Suggestion) -> str:
    if suggestion.kind == "choice":
        return f"Candidates in place of {suggestion.subject} (at {_clock(suggestion)})"
    subject = f"use case {suggestion.subject}"
    return f"Candidates for the primary choice of {subject} (at {_clock(suggestion)})"


def _counts(suggestion: Suggestion) -> str:
    counts: dict[str, int] = {}
    for candidate in suggestion.candidates:
        counts[candidate.decision] = counts.get(candidate.decision, 0) + 1
    order = ("approved", "approved-with-conditions", "waived", "rejected")
    shown = [f"{counts[d]} {d}" for d in order if d in counts]
    return f"{len(suggestion.candidates)} candidates: {', '.join(shown) or 'none'}"


def _current(suggestion: Suggestion) -> str | None:
    if suggestion.current is None:
        return None
    rules = ", ".join(suggestion.current.outcome.rules)
    return f"now: {suggestion.current.decision}" + (f" ({rules})" if rules else "")


def _to_add(suggestion: Suggestion) -> list[tuple[int, str]]:
    """The YAML to add for each allowed hypothetical candidate (JSON has it for every one)."""
    return [
        (rank, c.hypothetical.to_add)
        for rank, c in enumerate(suggestion.candidates, start=1)
        if c.hypothetical is not None and c.decision in ("approved", "approved-with-conditions")
    ]


def text(suggestion: Suggestion) -> str:
    rows = [list(HEADERS)] + [
        [cell if i in KEPT_WHOLE else _clip(cell) for i, cell in enumerate(_shown_cells(rank, c))]
        for rank, c in enumerate(suggestion.candidates, start=1)
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    out = [_heading(suggestion)]
    current = _current(suggestion)
    if current:
        out.append(current)
    out.append(_counts(suggestion))
    out.append("")
    for row in rows:
        padded = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        out.append("  ".join(padded).rstrip())
    for rank, to_add in _to_add(suggestion):
        out.append("")
        out.append(f"#{rank} is hypothetical; to use it, add to the inventory:")
        out.extend(f"  {line}" for line in to_add.splitlines())
    for note in suggestion.notes:
        out.append(f"note: {note}")
    return "".join(plain_line(line) + "\n" for line in out)


def markdown(suggestion: Suggestion) -> str:
    out = [f"### {escape(_heading(suggestion))}", ""]
    current = _current(suggestion)
    if current:
        out += [escape(current), ""]
    out += [escape(_counts(suggestion)), ""]
    out.append("| " + " | ".join(escape(h) for h in HEADERS) + " |")
    out.append("|" + "---|" * len(HEADERS))
    for rank, candidate in enumerate(suggestion.candidates, start=1):
        out.append("| " + " | ".join(escape(cell) for cell in cells(rank, candidate)) + " |")
    for rank, to_add in _to_add(suggestion):
        out += ["", f"#{rank} is hypothetical; to use it, add to the inventory:", ""]
        lines = to_add.splitlines()
        out += ["<pre>" + "\n".join(escape(line) for line in lines) + "</pre>"]
    if suggestion.notes:
        out.append("")
        out += [f"- {escape(note)}" for note in suggestion.notes]
    return "\n".join(out) + "\n"


def render(suggestion: Suggestion, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(suggestion.as_dict(), indent=2, ensure_ascii=False) + "\n"
    return text(suggestion) if fmt == "text" else markdown(suggestion)
