"""Known values of the inventory's free-text lists, so a typo is noticed without refusing
what the organization legitimately holds: `certifications` accepts any text, and one that is
none of the common attestations (in any usual spelling) is a located warning."""

from __future__ import annotations

import re
import sys

from governance.errors import InputProblem
from governance.inventory.model import Inventory

# canonical id: what an organization writes, normalised (lower case, words joined by '-')
CERTIFICATIONS = {
    "soc2": ("soc-2", "soc2"),
    "soc2-type-i": ("soc-2-type-i", "soc2-type-1", "soc-2-type-1"),
    "soc2-type-ii": ("soc-2-type-ii", "soc2-type-2", "soc-2-type-2"),
    "soc3": ("soc-3",),
    "iso27001": ("iso-27001", "iso-iec-27001"),
    "iso27017": ("iso-27017", "iso-iec-27017"),
    "iso27018": ("iso-27018", "iso-iec-27018"),
    "iso27701": ("iso-27701", "iso-iec-27701"),
    "iso42001": ("iso-42001", "iso-iec-42001"),
    "iso9001": ("iso-9001",),
    "hipaa-baa": ("hipaa", "baa"),
    "hitrust": ("hitrust-csf", "hitrust-r2"),
    "fedramp-low": (),
    "fedramp-moderate": ("fedramp",),
    "fedramp-high": (),
    "stateramp": (),
    "pci-dss": ("pci", "pci-dss-v4", "pci-dss-4.0"),
    "bsi-c5": ("c5",),
    "csa-star": ("csa-star-level-2", "csa-star-level-1"),
    "tisax": (),
    "irap": (),
    "ens-high": ("ens",),
    "cyber-essentials-plus": ("cyber-essentials",),
    "gdpr-dpa": ("dpa",),
}
_KNOWN = {alias: key for key, aliases in CERTIFICATIONS.items() for alias in (key, *aliases)}


def normalised(value: str) -> str:
    """'ISO/IEC 27001' -> 'iso-iec-27001', 'SOC 2 Type II' -> 'soc-2-type-ii'."""
    return re.sub(r"[^a-z0-9.]+", "-", value.lower()).strip("-")


def unknown_certifications(inventory: Inventory) -> list[InputProblem]:
    """A warning for each certification that is none of the known ones."""
    problems = []
    for m, model in enumerate(inventory.models):
        for d, deployment in enumerate(model.deployments):
            for c, value in enumerate(deployment.certifications):
                if normalised(value) in _KNOWN:
                    continue
                pointer = f"/models/{m}/deployments/{d}/certifications/{c}"
                problems.append(
                    InputProblem(
                        inventory.sources.locate(pointer),
                        pointer,
                        f"unknown certification {value!r}: kept as written",
                        "known: " + ", ".join(CERTIFICATIONS),
                        severity="warning",
                    )
                )
    return problems


def warn_unknown_certifications(inventory: Inventory) -> None:
    """Say on stderr which certifications are not known (never an error)."""
    for problem in unknown_certifications(inventory):
        sys.stderr.write(problem.format() + "\n")
