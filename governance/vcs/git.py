"""Git plumbing for `check --base REF`: resolve a ref, copy files as they were at a commit.

Nothing here checks out or touches the working tree: files are read from the object store
(`git ls-tree` + `git cat-file --batch`) and written under a temporary directory at their
repository-relative paths. That also works in a shallow clone as long as the base commit
itself has been fetched (`git fetch --depth=1 origin <ref>`).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from governance.errors import UsageError

_TIMEOUT = 120


def _run(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--base needs git, and git is not on PATH") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"git failed: {exc}") from None


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


@dataclass(frozen=True)
class Repository:
    """A git work tree, addressed by its top-level directory."""

    root: Path

    @classmethod
    def containing(cls, path: Path) -> Repository:
        """The repository whose work tree holds ``path`` (a file or directory)."""
        start = path if path.is_dir() else path.parent
        if not start.is_dir():
            start = Path.cwd()
        result = _run(["rev-parse", "--show-toplevel"], cwd=start)
        if result.returncode != 0:
            detail = _first_line(result.stderr)
            raise UsageError(
                f"--base compares with a git commit, but {start} is not in a git work tree"
                + (f" ({detail})" if detail and "not a git repository" not in detail else "")
            )
        return cls(Path(result.stdout.decode("utf-8").strip()).resolve())

    def resolve(self, ref: str) -> str:
        """The commit ``ref`` names; a clear error when it is unknown or not fetched."""
        if not ref or ref.startswith("-"):
            raise UsageError(f"--base {ref!r} is not a git ref")
        result = _run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], self.root
        )
        if result.returncode == 0:
            return result.stdout.decode("ascii").strip()
        shallow = _run(["rev-parse", "--is-shallow-repository"], self.root)
        if shallow.returncode == 0 and shallow.stdout.strip() == b"true":
            raise UsageError(
                f"--base {ref}: that commit is not in this shallow clone; fetch it: "
                f"git fetch --depth=1 origin {ref}"
            )
        raise UsageError(
            f"--base {ref}: no such branch, tag or commit in {self.root} "
            f"(a remote branch may need fetching: git fetch origin {ref})"
        )

    def relative(self, path: Path) -> str | None:
        """``path`` relative to the work tree root (POSIX), or None when it lies outside."""
        try:
            relative = path.resolve().relative_to(self.root)
        except ValueError:
            return None
        return relative.as_posix() if relative.parts else "."

    def files_at(
        self, commit: str, paths: list[str], suffixes: tuple[str, ...] = ()
    ) -> dict[str, str]:
        """Repository-relative path -> blob id of every regular file under ``paths`` (only
        names ending in ``suffixes`` when given, except a path that names a file itself)."""
        if not paths:
            return {}
        spec = [] if "." in paths else paths
        result = _run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", *spec], self.root)
        if result.returncode != 0:
            raise UsageError(f"git ls-tree {commit}: {_first_line(result.stderr)}")
        files = {}
        for entry in result.stdout.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            mode, kind, blob = meta.decode("ascii").split(" ")
            # Regular files only: symlinks (120000) and submodules (commit) are not inventory.
            path = name.decode("utf-8", "surrogateescape")
            if kind != "blob" or mode not in ("100644", "100755"):
                continue
            if not suffixes or path.endswith(suffixes) or path in paths:
                files[path] = blob
        return files

    def copy_at(
        self, commit: str, paths: list[str], destination: Path, suffixes: tuple[str, ...] = ()
    ) -> list[str]:
        """Write every file under ``paths`` as it is at ``commit`` below ``destination``,
        at its repository-relative path; return the paths written (sorted)."""
        files = self.files_at(commit, paths, suffixes)
        if not files:
            return []
        names = sorted(files)
        request = b"".join(files[name].encode("ascii") + b"\n" for name in names)
        result = _run(["cat-file", "--batch"], self.root, stdin=request)
        if result.returncode != 0:
            raise UsageError(f"git cat-file: {_first_line(result.stderr)}")
        out, offset = result.stdout, 0
        for name in names:
            header_end = out.index(b"\n", offset)
            header = out[offset:header_end].decode("ascii").split(" ")
            if len(header) != 3:  # "<oid> missing": a partial clone without the blob
                raise UsageError(
                    f"--base: {name} at {commit[:12]} is not in this clone; "
                    f"fetch the commit: git fetch origin {commit}"
                )
            size = int(header[2])
            start = header_end + 1
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(out[start : start + size])
            offset = start + size + 1  # content is followed by a newline
        return names
