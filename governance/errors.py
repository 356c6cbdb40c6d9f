"""Errors the user can act on, and the exit codes they map to.

Every error that reaches the CLI is one line: ``path:line:col: error: /pointer: message (hint)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from governance.output_safety import plain_line, visible
from governance.typed_json import Spec

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_INPUT = 2
EXIT_ENGINE = 3


# Not frozen (~2x faster to make; one is made per choice and per located field), hashable
# by value all the same, and never changed in place.
@dataclass(order=True, slots=True, unsafe_hash=True)
class SourceLocation:
    """A 1-based position in a user's file (in a report: an inventory file)."""

    path: Annotated[
        str,
        Spec(
            description="The file, relative to the check's working directory when it was under it.",
            minLength=1,
        ),
    ]
    line: Annotated[int, Spec(description="1-based line.", minimum=1)] = 1
    column: Annotated[int, Spec(description="1-based column.", minimum=1)] = 1

    def __str__(self) -> str:
        return f"{visible(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class InputProblem:
    """One thing wrong with the user's input, located in their file."""

    location: SourceLocation
    pointer: str
    message: str
    hint: str = ""
    severity: str = "error"  # "warning" for what an importer could not map

    def format(self) -> str:
        """The problem's one line on stderr; file names, keys and values in it are data, so
        the line goes through output_safety (no second line, no workflow command)."""
        where = f"{self.pointer}: " if self.pointer else ""
        hint = f" ({self.hint})" if self.hint else ""
        return plain_line(f"{self.location}: {self.severity}: {where}{self.message}{hint}")


class InputWarning(UserWarning):
    """Something in the input the user should see that does not stop the run (a dangling
    link in an inventory directory); the CLI prints its problem as one line on stderr."""

    def __init__(self, problem: InputProblem):
        super().__init__(problem.format())
        self.problem = problem


class GovernanceError(Exception):
    """Base class: carries the exit code the CLI should use."""

    exit_code = EXIT_INPUT


class InputInvalid(GovernanceError):
    """The inventory (or another user file) cannot be accepted; holds every problem found."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: list[InputProblem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.format() for p in self.problems))


class UsageError(GovernanceError):
    """Bad flags or arguments: a one-line message."""

    exit_code = EXIT_INPUT


class EngineFailure(GovernanceError):
    """The policy engine could not give an answer; never treated as a pass."""

    exit_code = EXIT_ENGINE
