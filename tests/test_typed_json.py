"""governance/typed_json.py: the one serializer and schema generator behind the JSON report,
on small records (the report itself is tested in test_report_json.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, ClassVar, NamedTuple

import pytest
from jsonschema import Draft202012Validator

from governance.typed_json import (
    MAY_BE_ABSENT,
    NOT_IN_JSON,
    OMIT_DEFAULT,
    Def,
    JsonName,
    Spec,
    first_difference,
    from_json,
    json_schema,
    to_json,
)

Code = Annotated[str, Def("code", description="A code.", pattern="^[A-Z]+$")]


class Pair(NamedTuple):
    """Two numbers."""

    low: Annotated[int, Spec(description="The lower.", minimum=0)]
    high: int


@dataclass
class Item:
    """An item."""

    JSON_KEYS: ClassVar[tuple[str, ...]] = (
        "kind",
        "code",
        "pairs",
        "total",
        "at",
        "note",
        "labels",
    )

    code: Code
    pairs: tuple[Pair, ...]
    at: dt.datetime
    kind: Annotated[str | None, Spec(enum=("a", "b", None))] = None
    note: Annotated[str | None, OMIT_DEFAULT] = None
    tags: Annotated[dict[str, list[str]], JsonName("labels"), MAY_BE_ABSENT] = field(
        default_factory=dict
    )
    cache: Annotated[list, NOT_IN_JSON] = field(default_factory=list, compare=False)

    def total(self) -> Annotated[int, Spec(description="Sum of the highs.")]:
        return sum(p.high for p in self.pairs)


ITEM = Item(
    code="AB",
    pairs=(Pair(1, 2), Pair(3, 4)),
    at=dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.timezone.utc),
    tags={"z": ["1"], "a": []},
    cache=["not written"],
)
WRITTEN = {
    "kind": None,
    "code": "AB",
    "pairs": [{"low": 1, "high": 2}, {"low": 3, "high": 4}],
    "total": 6,
    "at": "2026-11-24T09:30:00Z",
    "labels": {"a": [], "z": ["1"]},
}


def test_a_record_is_written_in_its_key_order_and_read_back():
    written = to_json(ITEM)
    assert written == WRITTEN and list(written) == list(WRITTEN)
    assert list(written["labels"]) == ["a", "z"]  # dict keys sorted
    again = from_json(Item, written)
    assert again == ITEM and again.cache == [] and again.pairs[0].low == 1


def test_keys_left_out_at_their_default_and_keys_an_older_file_lacks():
    assert to_json(Item("AB", (), ITEM.at, note="n"))["note"] == "n"
    older = {k: v for k, v in WRITTEN.items() if k != "labels"}
    assert from_json(Item, older).tags == {}


def test_the_schema_follows_the_annotations():
    schema = json_schema(Item, {"$id": "urn:item"})
    item = schema["properties"]
    assert schema["required"] == ["kind", "code", "pairs", "total", "at"]
    assert item["kind"] == {"enum": ["a", "b", None]}
    assert item["code"] == {"$ref": "#/$defs/code"}
    assert item["note"] == {"type": "string"}  # never null: left out instead
    assert item["total"] == {"description": "Sum of the highs.", "type": "integer"}
    assert item["labels"]["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    assert schema["$defs"]["code"]["pattern"] == "^[A-Z]+$"
    assert schema["$defs"]["pair"]["properties"]["low"]["minimum"] == 0
    assert schema["$defs"]["pair"]["description"] == "Two numbers."
    validator = Draft202012Validator(schema)
    assert validator.is_valid(WRITTEN)
    assert not validator.is_valid({**WRITTEN, "code": "ab"})
    assert not validator.is_valid({**WRITTEN, "extra": 1})
    assert not validator.is_valid({**WRITTEN, "note": None})


def test_first_difference_names_the_path():
    other = Item("AB", (Pair(1, 2), Pair(3, 5)), ITEM.at, tags=ITEM.tags, cache=["ignored"])
    assert first_difference(ITEM, other, "item") == "item.pairs[1].high: 4 -> 5"
    assert first_difference(ITEM, Item("AB", (Pair(1, 2),), ITEM.at, tags=ITEM.tags)) == (
        "pairs: 2 items -> 1"
    )
    assert first_difference(ITEM, ITEM) is None


def test_a_fixed_length_tuple_needs_names():
    @dataclass
    class Loose:
        pair: tuple[int, int]

    with pytest.raises(TypeError, match="NamedTuple"):
        to_json(Loose((1, 2)))
