"""Small helpers every importer needs: reading the input, model ids, Hugging Face repo names."""

from __future__ import annotations

import re
from pathlib import Path

from governance.errors import InputInvalid, InputProblem, SourceLocation, UsageError
from governance.inventory import yamlfile
from governance.paths import display_path

_NOT_ID = re.compile(r"[^a-z0-9._-]+")
_HF_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
HF_PREFIX = "https://huggingface.co/"


def read_input(path: Path, max_bytes: int) -> tuple[str, bytes]:
    """The path as shown in messages, and the file's bytes (size-checked before reading)."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputInvalid(
                [
                    InputProblem(
                        SourceLocation(shown),
                        "",
                        f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                        "raise --max-file-size",
                    )
                ]
            )
        return shown, path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {shown}: {exc.strerror}") from None


def decode_utf8(shown: str, raw: bytes) -> str:
    """Text of a UTF-8 file (a BOM is dropped); exit 2 at the first undecodable byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputInvalid(
            [
                InputProblem(
                    SourceLocation(shown, line, column),
                    "",
                    f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                    "save the file as UTF-8",
                )
            ]
        ) from None


def parse_yaml(shown: str, raw: bytes, max_bytes: int) -> yamlfile.YamlDocument | None:
    """The first YAML document of a file (None when empty); exit 2 at file:line:col if bad."""
    try:
        documents = yamlfile.parse(shown, raw, max_bytes)
    except yamlfile.YamlProblem as exc:
        raise InputInvalid([exc.problem]) from None
    return documents[0] if documents else None


def model_id(name: str) -> str:
    """An inventory id from a published name: lower case, '+' spelled out ('Command-R+' and
    'Command-R' are two models), other characters folded to '-'."""
    slug = _NOT_ID.sub("-", name.strip().lower().replace("+", "-plus")).strip("-._")
    return slug[:128]


def is_hf_repo(text: str) -> bool:
    return bool(_HF_REPO.match(text))


def hf_repo_from_url(url: str) -> str | None:
    """'owner/name' from https://huggingface.co/owner/name[/...], None for any other URL."""
    if not url.startswith(HF_PREFIX):
        return None
    parts = url[len(HF_PREFIX) :].split("/")
    if len(parts) < 2:
        return None
    repo = f"{parts[0]}/{parts[1]}"
    return repo if is_hf_repo(repo) else None
