"""Read YAML files into documents, in this process or on every core.

The loader says what to do with each parsed file (``finish``: validation); a reader decides
where the parsing happens. ``SerialReader`` parses in order, here. ``ParallelReader`` forks
workers for inventories large enough to pay for them. Nothing outside this module knows
about processes.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from governance.cpus import usable_cpus
from governance.errors import InputProblem, SourceLocation
from governance.inventory import yamlfile
from governance.paths import display_path

#: A file's documents, or ([], why it could not be read).
Parsed = tuple[list[yamlfile.YamlDocument], InputProblem | None]
T = TypeVar("T")

#: Below this much YAML in all, one process is faster than forking workers.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024


def read_file(path: Path, max_bytes: int) -> list[yamlfile.YamlDocument]:
    """Every document in ``path``; raises YamlProblem (file:line:col) when it cannot be read
    or is not safe YAML. A file over ``max_bytes`` is refused before it is read."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:  # refuse before reading a huge file into memory
            raise yamlfile.YamlProblem(
                InputProblem(
                    SourceLocation(shown, 1, 1),
                    "",
                    f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                    "split it into several files, or raise --max-file-size",
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise yamlfile.YamlProblem(
            InputProblem(SourceLocation(shown, 1, 1), "", f"cannot read file: {exc.strerror}", "")
        ) from None
    return yamlfile.parse(shown, raw, max_bytes)


def parse_file(path: Path, max_bytes: int) -> Parsed:
    """As read_file, with the problem returned instead of raised."""
    try:
        return read_file(path, max_bytes), None
    except yamlfile.YamlProblem as exc:
        return [], exc.problem


class DocumentReader(Protocol):
    def read_documents(
        self,
        files: Sequence[Path],
        finish: Callable[[Parsed], T],
        meanwhile: Callable[[], None] | None = None,
    ) -> list[T]:
        """``finish`` of every file's Parsed, in the order of ``files``. ``finish`` runs in
        this process, once per file, in any order. ``meanwhile`` (which must not raise) is
        called once, here, while other processes parse (else before reading): work that does
        not need the documents fits in there."""
        ...


@dataclass(frozen=True)
class SerialReader:
    """Every file parsed in this process, in order."""

    max_bytes: int

    def read_documents(
        self,
        files: Sequence[Path],
        finish: Callable[[Parsed], T],
        meanwhile: Callable[[], None] | None = None,
    ) -> list[T]:
        if meanwhile is not None:
            meanwhile()
        return [finish(parse_file(path, self.max_bytes)) for path in files]


def reader_for(files: Sequence[Path], max_bytes: int) -> DocumentReader:
    """A ParallelReader when there is enough YAML, more than one file and core, and fork;
    else a SerialReader."""
    try:
        total = sum(path.stat().st_size for path in files)
    except OSError:  # the reader reports it, at the file
        total = 0
    workers = min(len(files), usable_cpus())
    if (
        workers < 2
        or total < PARALLEL_MIN_BYTES
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return SerialReader(max_bytes)
    return ParallelReader(max_bytes, workers)


@dataclass(frozen=True)
class ParallelReader:
    """Forked workers parse the files largest first while this process finishes whatever
    they parsed (in any order) and, when nothing waits for it, parses from the smallest end.

    YAML parsing is most of a load and is per file. Each file is claimed once, by whoever
    reaches it first (an exclusive create in a scratch directory: nothing is shared in
    memory), so no core idles while another still has several files to go.
    """

    max_bytes: int
    workers: int

    def read_documents(
        self,
        files: Sequence[Path],
        finish: Callable[[Parsed], T],
        meanwhile: Callable[[], None] | None = None,
    ) -> list[T]:
        if not files:
            return SerialReader(self.max_bytes).read_documents(files, finish, meanwhile)
        try:
            sizes = [path.stat().st_size for path in files]
        except OSError:  # the file's own read says what is wrong, at the file
            sizes = [0] * len(files)
        workers = max(1, min(self.workers, len(files)))
        order = sorted(range(len(files)), key=lambda i: -sizes[i])  # largest first
        results: dict[int, T] = {}  # file index -> finished
        spool = tempfile.mkdtemp(prefix="governance-load-")
        claims = _Claims.under(spool, len(files))
        context = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                # One file holding more than its share would be parsed in a child and copied
                # back: parse it here, first, while the workers take the rest.
                local = sizes[order[0]] * workers > sum(sizes) and claims.claim(order[0])
                pending = {
                    pool.submit(_parse_claimed, index, files[index], self.max_bytes, claims, spool)
                    for index in order[1 if local else 0 :]
                }
                if meanwhile is not None:  # the workers are started: other work fits in here
                    meanwhile()

                def take_finished(wait: bool) -> None:
                    """Finish what the workers parsed (with ``wait``: until all have)."""
                    while pending:
                        done = {future for future in pending if future.done()}
                        if not done:
                            if not wait:
                                return
                            done, _ = futures_wait(pending, return_when=FIRST_COMPLETED)
                        pending.difference_update(done)
                        for future in done:
                            answer = future.result()
                            if answer is not None:
                                results[answer[0]] = finish(_unspooled(answer[1]))

                if local:
                    results[order[0]] = finish(parse_file(files[order[0]], self.max_bytes))
                # This process finishes every file, so it first takes what the workers
                # parsed, and parses a file itself (smallest first) only while each worker
                # still has one more to do: otherwise the last files would wait for it.
                mean = sum(sizes) / len(sizes)
                for index in reversed(order):
                    take_finished(wait=False)
                    if sizes[index] * 4 > mean and claims.unclaimed() <= workers:
                        break
                    if not claims.claim(index):
                        break
                    results[index] = finish(parse_file(files[index], self.max_bytes))
                take_finished(wait=True)
        finally:
            shutil.rmtree(spool, ignore_errors=True)
        missing = [str(path) for index, path in enumerate(files) if index not in results]
        if missing:  # a file nobody parsed: never a silent gap
            raise RuntimeError(f"parallel read left files unread: {', '.join(missing)}")
        return [results[index] for index in range(len(files))]


@dataclass(frozen=True)
class _Claims:
    """Who parses which file: one exclusive create per file in a directory every process
    sees, so the claims need no memory shared between processes and pickle as a path."""

    directory: str
    count: int

    @classmethod
    def under(cls, spool: str, count: int) -> _Claims:
        directory = os.path.join(spool, "claims")
        os.mkdir(directory)
        return cls(directory, count)

    def claim(self, index: int) -> bool:
        """Take file ``index`` for this process; False when another process already has it."""
        try:
            os.close(os.open(os.path.join(self.directory, str(index)), os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return False
        return True

    def unclaimed(self) -> int:
        return self.count - len(os.listdir(self.directory))


def _parse_claimed(index: int, path: Path, max_bytes: int, claims: _Claims, spool: str):
    """Parse file ``index`` in a worker, unless taken; its documents go through a file.

    A result sent back through the pool's pipe (2.5 MB per 1,000 use cases) blocked the
    worker until this process, busy parsing with the GIL held, read it 64 KB at a time:
    ~0.15 s lost per file. Marshal writes plain data 3x faster than pickle.
    """
    if not claims.claim(index):
        return None
    documents, problem = parse_file(path, max_bytes)
    if problem is not None:
        return index, (None, problem)
    target = os.path.join(spool, str(index))
    fields = [(d.path, d.index, d.data, d.positions, d.sha256) for d in documents]
    with open(target, "wb") as handle:
        handle.write(marshal.dumps(fields))
    return index, (target, None)


def _unspooled(answer) -> Parsed:
    """A worker's answer as parse_file gives it: the documents read back from its file."""
    target, problem = answer
    if problem is not None:
        return [], problem
    with open(target, "rb") as handle:
        fields = marshal.loads(handle.read())  # marshal.load(handle) reads it a value at a time
    documents = [yamlfile.YamlDocument(*values) for values in fields]
    os.unlink(target)
    return documents, None
