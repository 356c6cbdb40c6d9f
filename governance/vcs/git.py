"""Git plumbing for `check --base REF`: resolve a ref, copy files as they were at a commit.

Nothing here checks out or touches the working tree: files are read from the object store
(`git ls-tree` + `git cat-file --batch`) and written under a temporary directory at their
repository-relative paths. That also works in a shallow clone as long as the base commit
itself has been fetched (`git fetch --depth=1 origin <ref>`).
"""

from __future__ import annotations

import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from governance.errors import UsageError

_TIMEOUT = 120
_REGULAR = ("100644", "100755")
_LINK = "120000"


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

    def _entries(self, commit: str, paths: list[str]) -> list[tuple[str, str, str]]:
        """(mode, blob id, repository-relative path) of every blob under ``paths``."""
        spec = [] if "." in paths else paths
        result = _run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", *spec], self.root)
        if result.returncode != 0:
            raise UsageError(f"git ls-tree {commit}: {_first_line(result.stderr)}")
        entries = []
        for entry in result.stdout.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            mode, kind, blob = meta.decode("ascii").split(" ")
            if kind == "blob":  # submodules (commit) are not inventory
                entries.append((mode, blob, name.decode("utf-8", "surrogateescape")))
        return entries

    def _blobs(self, blobs: list[str]) -> list[bytes | None]:
        """The content of each blob (None for one this clone does not have)."""
        if not blobs:
            return []
        request = b"".join(blob.encode("ascii") + b"\n" for blob in blobs)
        result = _run(["cat-file", "--batch"], self.root, stdin=request)
        if result.returncode != 0:
            raise UsageError(f"git cat-file: {_first_line(result.stderr)}")
        out, offset = result.stdout, 0
        contents: list[bytes | None] = []
        for _ in blobs:
            header_end = out.index(b"\n", offset)
            header = out[offset:header_end].decode("ascii").split(" ")
            if len(header) != 3:  # "<oid> missing": a partial clone without the blob
                contents.append(None)
                offset = header_end + 1
                continue
            start = header_end + 1
            size = int(header[2])
            contents.append(out[start : start + size])
            offset = start + size + 1  # content is followed by a newline
        return contents

    def _links(self, commit: str, links: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """The symbolic links ``links`` (path -> blob) resolved at ``commit`` as the working
        tree's loader sees them: (regular files they lead to, path -> blob; every link on the
        way, path -> its target text). A link leaving the repository is refused; one that
        leads nowhere is kept (the loader warns about it, as in the working tree)."""
        tree = {path: (mode, blob) for mode, blob, path in self._entries(commit, ["."])}
        files: dict[str, str] = {}
        made: dict[str, str] = {}
        pending = dict(links)
        while pending:
            path, blob = pending.popitem()
            if path in made:
                continue
            raw = self._blobs([blob])[0]
            if raw is None:
                raise UsageError(f"--base: {path} at {commit[:12]} is not in this clone")
            target = raw.decode("utf-8", "surrogateescape")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
                raise UsageError(
                    f"--base: {path} is a symbolic link leaving the repository (to {target}) "
                    f"at {commit[:12]}: link to a file inside it"
                )
            if any(name.startswith(resolved + "/") for name in tree):
                continue  # a link to a directory: the loader does not follow those
            made[path] = target
            mode, next_blob = tree.get(resolved, ("", ""))
            if mode == _LINK:
                pending[resolved] = next_blob
            elif mode in _REGULAR:
                files[resolved] = next_blob
        return files, made

    def copy_at(
        self, commit: str, paths: list[str], destination: Path, suffixes: tuple[str, ...] = ()
    ) -> list[str]:
        """Write every file under ``paths`` as it is at ``commit`` below ``destination``,
        at its repository-relative path; return the paths written (sorted). Symbolic links
        are made again (with what they lead to), as the working tree has them."""
        if not paths:
            return []
        files, links = {}, {}
        for mode, blob, path in self._entries(commit, paths):
            if not suffixes or path.endswith(suffixes) or path in paths:
                if mode in _REGULAR:
                    files[path] = blob
                elif mode == _LINK:
                    links[path] = blob
        made: dict[str, str] = {}
        if links:
            targets, made = self._links(commit, links)
            files.update(targets)
        if not files and not made:
            return []
        names = sorted(files)
        for name, content in zip(names, self._blobs([files[n] for n in names]), strict=True):
            if content is None:
                raise UsageError(
                    f"--base: {name} at {commit[:12]} is not in this clone; "
                    f"fetch the commit: git fetch origin {commit}"
                )
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        for name, link_target in made.items():
            link = destination / name
            link.parent.mkdir(parents=True, exist_ok=True)
            if not link.is_symlink():
                link.symlink_to(link_target)
        return sorted([*names, *made])
