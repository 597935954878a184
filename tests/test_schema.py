"""JSON Schema of the facts: valid schemas, the bundled examples conform, typos are refused."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import jsonschema
import pytest

import nmgpolicy
from nmgpolicy.cli import example_cases, main
from nmgpolicy.errors import UnknownRuleSet
from nmgpolicy.schema import facts_schema

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("ruleset", nmgpolicy.rulesets())
def test_schema_is_valid_and_examples_conform(ruleset: str) -> None:
    schema = facts_schema(ruleset)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    cases = [(name, facts) for r, name, facts, _, _ in example_cases() if r == ruleset]
    assert cases
    for name, facts in cases:
        assert not list(validator.iter_errors(facts)), name
    assert schema["additionalProperties"] is False
    assert not validator.is_valid({"no_such_fact_key": 1})


def test_disclosure_schema_shape() -> None:
    schema = facts_schema("disclosure")
    assert schema["required"] == ["item", "formed_on"]
    assert schema["properties"]["formed_on"] == {
        "type": "string",
        "format": "date",
        "examples": ["2026-06-01"],
        "maxLength": 10000,
    }
    assert {"type": "null"} in schema["properties"]["published_on"]["anyOf"]


def test_unknown_ruleset() -> None:
    with pytest.raises(UnknownRuleSet):
        facts_schema("nope")


def test_cli_schema() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["schema", "disclosure"], out=out, err=err) == 0
    assert json.loads(out.getvalue())["$schema"].endswith("2020-12/schema")
    assert main(["schema", "nope"], out=out, err=err) == 2


@attrs.frozen
class _Part:
    x: int | str


_Part.__doc__ = None


@attrs.frozen
class _Whole:
    """A whole.

    More text."""

    a: _Part
    b: list[_Part]
    c: dict[str, bool] | None = None


def test_schema_of_unions_repeated_models_and_undocumented_classes() -> None:
    from nmgpolicy.schema import _object

    defs: dict[str, object] = {}
    schema = _object(_Whole, defs)
    assert schema["description"] == "A whole."
    assert schema["properties"]["a"] == {"$ref": "#/$defs/_Part"}
    assert schema["properties"]["b"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/_Part"},
        "maxItems": 10000,
    }
    assert defs["_Part"] == {
        "type": "object",
        "properties": {
            "x": {"anyOf": [{"type": "integer"}, {"type": "string", "maxLength": 10000}]}
        },
        "additionalProperties": False,
        "required": ["x"],
    }
