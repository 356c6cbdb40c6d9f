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
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from governance.atomic import write_bytes_atomically
from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.inventory.datafile import load_json
from governance.inventory.yamlfile import not_utf8
from governance.policy.files import PolicyModule, PolicySet, load_policy_set, rules_of
from governance.policy.recursion import refuse_recursion


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


def _kind(value: object) -> str:
    names = {list: "a list", str: "a string", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")


def _inside(shown: str, name: str, problem: InputProblem) -> InputInvalid:
    """A problem at line:col of a bundle entry, reported at the bundle with the entry named."""
    where = problem.location
    message = f"bundle entry {name}:{where.line}:{where.column}: {problem.message}"
    return InputInvalid([InputProblem(SourceLocation(shown, 1, 1), "", message, problem.hint)])


def _entry_json(shown: str, name: str, content: bytes):
    """A JSON entry of a bundle, read as --data JSON is (no NaN, bounded depth and size)."""
    try:
        return load_json(name, content)
    except InputInvalid as exc:
        raise _inside(shown, name, exc.problems[0]) from None


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
    except (OSError, tarfile.TarError, EOFError, zlib.error) as exc:  # zlib: corrupt data
        raise invalid(f"not a readable bundle (.tar.gz): {exc}") from None
    modules: list[PolicyModule] = []
    data: dict = {}
    manifest = None
    for name in sorted(members):
        content = members[name]
        if name == ".manifest":
            manifest = _entry_json(shown, name, content)
            if not isinstance(manifest, dict):
                raise invalid(f"bundle entry {name} must hold a JSON object, not {_kind(manifest)}")
        elif name.endswith(".rego"):
            module_name = name.removeprefix("policies/")
            origin = "builtin" if module_name.startswith("builtin/") else "custom"
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _inside(shown, name, not_utf8(name, content, exc)) from None
            modules.append(PolicyModule(module_name, text, origin))
        elif name.endswith("/data.json"):
            value = _entry_json(shown, name, content)
            if not isinstance(value, dict):
                raise invalid(f"bundle entry {name} must hold a JSON object, not {_kind(value)}")
            target = data
            for key in name.removesuffix("/data.json").split("/"):
                target = target.setdefault(key, {})
                if not isinstance(target, dict):
                    raise invalid(f"bundle entry {name} overlaps another entry's data")
            target.update(value)
    if manifest is None or not modules:
        raise invalid("bundle has no .manifest or no Rego modules")
    metadata = manifest.get("metadata")
    settings = metadata.get("governance") if isinstance(metadata, dict) else None
    overrides = (settings.get("overrides") if isinstance(settings, dict) else None) or []
    if not isinstance(overrides, list):
        raise invalid("bundle entry .manifest: metadata.governance.overrides must be a list")
    policies = PolicySet(
        modules=modules, data=data, rules=rules_of(modules), overrides=tuple(overrides)
    )
    refuse_recursion(modules)
    evidence = {"sha256": hashlib.sha256(payload).hexdigest(), "revision": manifest.get("revision")}
    return policies, evidence
