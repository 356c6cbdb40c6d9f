"""Real git repositories in a temp dir, and a small inventory to change between commits.

The inventory (organization, models, use cases in three files) has one old violation at
its base: deployment `small-gpu` has an 8 GB accelerator for gpt-oss-20b, which needs 16 GB
(GOV-CAT-009), used by `legacy-tagging` and `contract-review`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# No user or system git config: the tests see the same git whatever the machine has.
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_AUTHOR_DATE": "2026-11-20T12:00:00Z",
    "GIT_COMMITTER_DATE": "2026-11-20T12:00:00Z",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout.strip()


def init_repo(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "commit.gpgsign", "false")
    return repo


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


ORGANIZATION = """\
apiVersion: governance/v1
organization:
  id: acme
  name: Acme
  jurisdictions: [US]
  eu_ai_act_roles: [deployer]
  data_classification:
    - level: public
    - level: internal
    - level: confidential
  requirements:
    allowed_access_classes: [open-source, open-weight, closed]
    residency:
      - classification: confidential
        processing: [US]
        storage: [US]
    required_controls:
      - risk_tier: medium
        controls: [content-moderation, logging-monitoring, incident-response]
"""

_CONTROLS = """\
        safety_controls:
          - {control: content-moderation, owner: org, implemented: true}
          - {control: logging-monitoring, owner: org, implemented: true}
          - {control: incident-response, owner: org, implemented: true}
"""

MODELS = (
    """\
apiVersion: governance/v1
models:
  - id: gpt-oss-20b
    name: gpt-oss-20b
    provider: OpenAI
    catalog: gpt-oss-20b
    access_class: open-weight
    weights: {availability: public}
    license: {key: apache-2.0, declared: apache-2.0}
    model_card: {parameters_total: 21000000000, parameters_active: 3600000000}
    source: {hf_repo: openai/gpt-oss-20b, retrieved_on: 2026-11-01}
    deployments:
      - id: on-prem
        mode: self-hosted
        operator: org
        processing_locations: [us-east-1]
        storage_locations: [us-east-1]
        hardware: {accelerator: NVIDIA L4, accelerator_memory_gb: 24}
"""
    + _CONTROLS
    + """\
      - id: small-gpu
        mode: self-hosted
        operator: org
        processing_locations: [us-east-1]
        storage_locations: [us-east-1]
        hardware: {accelerator: NVIDIA T4, accelerator_memory_gb: 8}
"""
    + _CONTROLS
)


def use_case(name: str, classification: str, *choices: str) -> str:
    """One use case; each choice is 'deployment:role' of gpt-oss-20b."""
    lines = [
        f"  - id: {name}",
        f"    name: {name}",
        f"    purpose: Test use case {name}.",
        "    owner: {name: Ada Lovelace, email: ada@example.org, team: platform}",
        f"    data_classification: {classification}",
        "    data_categories: [none]",
        "    risk: {eu_ai_act: minimal, internal_tier: medium}",
        "    exposure: {user_facing: true, external_users: false}",
        "    automated_decision: {fully_automated: false, legal_or_similar_effect: false}",
        "    distribution: internal",
        "    commercial: true",
        "    lifecycle: {status: proposed, review_by: 2027-06-30}",
        "    model_choices:",
    ]
    for choice in choices:
        deployment, role = choice.split(":")
        lines.append(f"      - {{model: gpt-oss-20b, deployment: {deployment}, role: {role}}}")
    return "\n".join(lines) + "\n"


USE_CASES = (
    "apiVersion: governance/v1\nuse_cases:\n"
    + use_case("internal-search", "internal", "on-prem:primary")
    + use_case("legacy-tagging", "internal", "small-gpu:primary")
    + use_case("contract-review", "confidential", "on-prem:primary", "small-gpu:fallback")
)


def write_inventory(
    directory: Path,
    organization: str = ORGANIZATION,
    models: str = MODELS,
    use_cases: str = USE_CASES,
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "organization.yaml").write_text(organization, "utf-8")
    (directory / "models.yaml").write_text(models, "utf-8")
    (directory / "use-cases.yaml").write_text(use_cases, "utf-8")
    return directory


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (which must occur exactly ``count`` times) in a file."""
    text = path.read_text("utf-8")
    assert text.count(old) == count, (old, text.count(old))
    path.write_text(text.replace(old, new), "utf-8")
