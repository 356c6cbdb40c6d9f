"""Write a file so that readers see the old content or the new, never half of either."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

from governance.errors import UsageError


def write_atomically(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, payload: bytes) -> None:
    """Temp file + rename for regular files; a device or pipe (/dev/stdout, /dev/null, a FIFO)
    is written in place, since renaming over it would replace the device with a file."""
    path = Path(path)
    if _is_special(path):
        try:
            with open(path, "wb") as stream:
                stream.write(payload)
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror}") from None
        return
    directory = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.name}{_MARK}"
    _remove_stale(directory, prefix)
    try:
        handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=_SUFFIX, dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    try:
        # mkstemp makes 0600: a replaced file keeps its mode, a new one honours the umask
        os.chmod(temporary, _existing_mode(path) or 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


# Temporary files are named .<name>.governance-<random>.tmp: a write killed before its rename
# (SIGKILL, power loss) leaves one, which a later write of the same file removes once it is
# older than STALE_SECONDS (a younger one may belong to a write still under way).
_MARK = ".governance-"
_SUFFIX = ".tmp"
STALE_SECONDS = 600


def _remove_stale(directory: Path, prefix: str) -> None:
    now = time.time()
    try:
        with os.scandir(directory) as entries:
            stale = [
                entry.path
                for entry in entries
                if entry.name.startswith(prefix)
                and entry.name.endswith(_SUFFIX)
                and entry.is_file(follow_symlinks=False)
                and now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            ]
    except OSError:
        return  # the write itself will say what is wrong with the directory
    for name in stale:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _existing_mode(path: Path) -> int | None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return stat.S_IMODE(mode) if stat.S_ISREG(mode) else None


def _is_special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
