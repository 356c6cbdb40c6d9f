"""Value types the JSON report shares between its records: ids, digests, counts, statuses."""

from __future__ import annotations

from typing import Annotated

from governance.typed_json import Def, Spec

Id = Annotated[
    str,
    Def(
        "id",
        description="An inventory identifier: letters, digits, '.', '_' or '-', at most 128 "
        "characters.",
        pattern="^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$",
    ),
]
Sha256 = Annotated[
    str,
    Def("sha256", description="A SHA-256 digest, lower-case hex.", pattern="^[0-9a-f]{64}$"),
]
Count = Annotated[int, Def("count", description="A number of model choices.", minimum=0)]
# Inlined where used (Spec, not Def), as the file fields of the evidence always were.
ShownPath = Annotated[
    str,
    Spec(
        description="The file, relative to the check's working directory when it was under it.",
        minLength=1,
    ),
]
