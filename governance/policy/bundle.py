"""OPA bundles: build one reproducibly from the policy set, and evaluate from one.

A bundle is a gzipped tar with `.manifest` (revision, roots), the Rego modules, and each
top-level data key as `<key>/data.json`. The same inputs give the same bytes (sorted entries,
zeroed times and owners), so its SHA-256 identifies the policy set a fleet of OPA servers runs.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from governance.atomic import write_bytes_atomically
from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.policy.files import PolicyModule, PolicySet, load_policy_set, rules_of


@dataclass(frozen=True)
class BuiltBundle:
    path: Path
    sha256: str
    revision: str


def _entry(name: str, payload: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(payload), 0, 0o644
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info, payload


def bundle_bytes(policies: PolicySet, revision: str, overrides: Sequence[dict] = ()) -> bytes:
    """The bundle's bytes; ``overrides`` (the organization's rule overrides, as the evidence
    records them) go into the manifest's metadata, so a check from the bundle applies them."""
    files: dict[str, bytes] = {}
    for module in policies.modules:
        files[f"policies/{module.name}"] = module.text.encode("utf-8")
    for key, value in policies.data.items():
        files[f"{key}/data.json"] = json.dumps(value, sort_keys=True, indent=1).encode("utf-8")
    manifest: dict = {"revision": revision, "roots": sorted({"governance", *policies.data})}
    if overrides:
        manifest["metadata"] = {"governance": {"overrides": list(overrides)}}
    files[".manifest"] = json.dumps(manifest, sort_keys=True).encode("utf-8")
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in sorted(files):
            info, payload = _entry(name, files[name])
            archive.addfile(info, io.BytesIO(payload))
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0) as zipped:
        zipped.write(raw.getvalue())
    return packed.getvalue()


def build_bundle(
    directories: list[Path],
    data_files: list[Path],
    output: Path,
    revision: str,
    builtin: bool,
    overrides: Sequence[dict] = (),
) -> BuiltBundle:
    policies = load_policy_set(directories, data_files, builtin=builtin)
    payload = bundle_bytes(policies, revision, overrides)
    write_bytes_atomically(output, payload)
    return BuiltBundle(output, hashlib.sha256(payload).hexdigest(), revision)


def load_bundle(path: Path) -> tuple[PolicySet, dict]:
    """The policy set inside a bundle, and {'sha256', 'revision'} for the evidence."""
    shown = str(path)

    def invalid(message: str) -> InputInvalid:
        return InputInvalid([InputProblem(SourceLocation(shown, 1, 1), "", message, "")])

    try:
        payload = path.read_bytes()
        with tarfile.open(fileobj=io.BytesIO(payload), mode="r:gz") as archive:
            members: dict[str, bytes] = {}
            for member in archive.getmembers():
                handle = archive.extractfile(member) if member.isfile() else None
                if handle is not None:
                    members[member.name] = handle.read()
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise invalid(f"not a readable bundle (.tar.gz): {exc}") from None
    modules: list[PolicyModule] = []
    data: dict = {}
    manifest = None
    try:
        for name in sorted(members):
            content = members[name]
            if name == ".manifest":
                manifest = json.loads(content)
            elif name.endswith(".rego"):
                module_name = name.removeprefix("policies/")
                origin = "builtin" if module_name.startswith("builtin/") else "custom"
                modules.append(PolicyModule(module_name, content.decode("utf-8"), origin))
            elif name.endswith("/data.json"):
                target = data
                for key in name.removesuffix("/data.json").split("/"):
                    target = target.setdefault(key, {})
                target.update(json.loads(content))
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid(f"bundle content is not valid JSON/UTF-8: {exc}") from None
    if manifest is None or not modules:
        raise invalid("bundle has no .manifest or no Rego modules")
    metadata = manifest.get("metadata") if isinstance(manifest, dict) else None
    overrides = ((metadata or {}).get("governance") or {}).get("overrides") or []
    policies = PolicySet(
        modules=modules, data=data, rules=rules_of(modules), overrides=tuple(overrides)
    )
    evidence = {"sha256": hashlib.sha256(payload).hexdigest(), "revision": manifest.get("revision")}
    return policies, evidence
