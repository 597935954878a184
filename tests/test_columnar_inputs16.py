"""Inputs of the columnar path checked as the row path reads them (session 16): NumPy masked
arrays (a masked value is a fact not given), pre-parsed columns checked once as given (an
:class:`~nmgpolicy.errors.InputError` at the column's path, duplicate and unused labels
merged), the application keys of a long table, the path of an error in a long table, and a
column nested under a fact that holds no object (refused by the row path at its own path).

Each equality test decides the same facts with :func:`nmgpolicy.columnar.evaluate` and with the
row path (the helpers of ``tests/test_columnar_equal.py``).
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("polars")

from nmgpolicy import columnar  # noqa: E402
from nmgpolicy.columnar._read import Table, facts_of_row  # noqa: E402
from nmgpolicy.errors import InputError  # noqa: E402
from nmgpolicy.rules.ferroalloy import FerroalloyFacts  # noqa: E402
from tests.test_columnar_equal import _diff, _same, expected, observed  # noqa: E402
from tests.test_review16_columnar import (  # noqa: E402  # the review's facts and dates
    EPOCH,
    ON_CLUSTER,
    ON_DISC,
    ON_FS,
    ON_PLAN,
    SPEC,
)


def base(ruleset: str, **changes: Any) -> dict[str, Any]:
    facts: dict[str, Any] = copy.deepcopy(SPEC["rulesets"][ruleset]["bases"][0]["facts"])
    facts.update(changes)
    return facts


def assert_equal(
    ruleset: str, columns: Any, facts: list[dict[str, Any]], on: dt.date, lists: Any = None
) -> Any:
    result = columnar.evaluate(ruleset, columns, on=on, lists=lists)
    want = expected(ruleset, facts, on, None, (~result.row_path).tolist())
    got = observed(result)
    found = [
        f"row {row}: {_diff(w, g)}"
        for row, (w, g) in enumerate(zip(want, got, strict=True))
        if not _same(w, g)
    ]
    assert not found, "\n".join(found[:5])
    for codes in result.findings.values():
        assert type(codes) is np.ndarray
    return result


def _day(d: dt.date) -> int:
    return (d - EPOCH).days


# --------------------------------------------------------------------------------------------
# Masked arrays: a masked value is a fact not given, whatever the data under the mask
# --------------------------------------------------------------------------------------------


def test_masked_texts_dates_and_numbers_are_facts_not_given() -> None:
    """Disclosure: a masked item (text with choices), a masked text date holding garbage, a
    masked datetime64: each row reads as the fact absent."""
    columns = {
        "item": np.ma.array(["first-set-results"] * 3, mask=[0, 0, 0]),
        "formed_on": np.ma.array(["2025-09-26", "2025-09-26", "garbage"], mask=[0, 0, 1]),
        "published_on": np.ma.array(
            np.array(["2025-10-20", "2025-11-20", "2025-10-20"], dtype="datetime64[D]"),
            mask=[0, 1, 0],
        ),
    }
    facts = [
        {"item": "first-set-results", "formed_on": "2025-09-26", "published_on": "2025-10-20"},
        {"item": "first-set-results", "formed_on": "2025-09-26"},
        {"item": "first-set-results", "published_on": "2025-10-20"},  # required: refused
    ]
    assert_equal("disclosure", columns, facts, ON_DISC)


def test_a_masked_object_column_is_not_read_under_its_mask() -> None:
    """An object column's masked entries are not read (an invalid text there is not refused)."""
    rows = [base("first_set") for _ in range(3)]
    columns, lists = columnar.from_records(rows)
    columns["product.technology_leading"] = np.ma.array(
        np.array([True, "garbage", None], dtype=object), mask=[0, 1, 0]
    )
    del rows[1]["product"]["technology_leading"]
    rows[2]["product"]["technology_leading"] = None
    assert_equal("first_set", columns, rows, ON_FS, lists)


def test_masked_numbers_and_flags_of_a_cluster() -> None:
    rows = [base("cluster") for _ in range(4)]
    columns, lists = columnar.from_records(rows)
    employees = rows[0]["employees"]
    given = np.array([employees, "-7人", employees, employees], dtype=object)
    columns["employees"] = np.ma.array(given, mask=[0, 1, 0, 0])
    columns["high_energy"] = np.ma.array([False, False, True, False], mask=[0, 0, 1, 0])
    for row in (0, 3):
        rows[row]["employees"] = employees
    for row in (0, 1, 3):
        rows[row]["high_energy"] = False
    del rows[1]["employees"]
    del rows[2]["high_energy"]
    assert_equal("cluster", columns, rows, ON_CLUSTER, lists)


def test_a_masked_array_without_masked_values_reads_as_the_plain_array() -> None:
    rows = [base("cluster") for _ in range(2)]
    columns, lists = columnar.from_records(rows)
    columns["innovation_platforms"] = np.ma.array([3, 0])
    rows[0]["innovation_platforms"], rows[1]["innovation_platforms"] = 3, 0
    assert_equal("cluster", columns, rows, ON_CLUSTER, lists)


def test_a_pre_parsed_column_of_a_masked_array_is_its_data_and_mask() -> None:
    facts = [
        {"item": "first-set-results", "formed_on": "2025-09-26", "published_on": "2025-10-20"},
        {"item": "first-set-results", "formed_on": "2025-09-26"},
    ]
    days = np.ma.array([_day(dt.date(2025, 10, 20)), 10**9], mask=[False, True])
    columns = {
        "item": ["first-set-results"] * 2,
        "formed_on": columnar.Dates(np.array([_day(dt.date(2025, 9, 26))] * 2)),
        "published_on": columnar.Dates(days),
    }
    assert_equal("disclosure", columns, facts, ON_DISC)


# --------------------------------------------------------------------------------------------
# Pre-parsed columns checked as given
# --------------------------------------------------------------------------------------------

_KIND = columnar.Categories(np.zeros(2, dtype=np.int8), ("single", "group"))


@pytest.mark.parametrize(
    ("path", "column", "words"),
    [
        ("enterprise.scale_after", columnar.Scaled(np.array([35, 30]), True), "exponent"),  # type: ignore[arg-type]
        ("enterprise.scale_after", columnar.Scaled(np.array([35, 30]), 10**6), "exponent"),
        ("enterprise.scale_after", columnar.Scaled(np.array([[35], [30]])), "one-dimensional"),
        ("enterprise.kind", columnar.Categories(np.array([0, 2]), ("single", "group")), "codes"),
        ("enterprise.kind", columnar.Categories(np.array([0, -2]), ("single", "group")), "codes"),
        (
            "enterprise.kind",
            columnar.Categories(np.array([0, 1]), ("single", "group"), [True, True]),  # type: ignore[arg-type]
            "validity",
        ),
    ],
)
def test_a_malformed_pre_parsed_column_names_its_path(path: str, column: Any, words: str) -> None:
    columns = {"enterprise.kind": _KIND, path: column}
    with pytest.raises(InputError) as caught:
        columnar.evaluate("ferroalloy", columns, on=ON_PLAN)
    assert f"$.{path}" in str(caught.value) and words in str(caught.value)


_DOCS = tuple(SPEC["rulesets"]["first_set"]["bases"][0]["facts"]["documents"])


@pytest.mark.parametrize(
    "column",
    [
        columnar.Members(np.array([1, -1]), _DOCS),
        columnar.Members(np.array([1, 1], dtype=np.int8), (*_DOCS[:3], _DOCS[0])),
        columnar.Members(np.array([1, 1 << 70 - 64], dtype=np.int32), _DOCS[:5]),
    ],
    ids=["negative", "duplicate-labels", "int32-beyond"],
)
def test_a_members_column_naming_no_label_is_an_input_error(column: Any) -> None:
    columns, _ = columnar.from_records([base("first_set"), base("first_set")])
    with pytest.raises(InputError) as caught:
        columnar.evaluate("first_set", {**columns, "documents": column}, on=ON_FS)
    assert "$.documents" in str(caught.value)


def test_a_members_column_of_a_narrow_type_equals_the_row_path() -> None:
    rows = [base("first_set"), base("first_set")]
    columns, lists = columnar.from_records(rows)
    bits = (1 << len(_DOCS)) - 1
    dtype = np.uint16 if len(_DOCS) <= 16 else np.uint32
    columns["documents"] = columnar.Members(np.array([bits, bits >> 1], dtype=dtype), _DOCS)
    rows[1]["documents"] = list(_DOCS[:-1])
    assert_equal("first_set", columns, rows, ON_FS, lists)


def test_duplicate_and_unused_labels_are_merged() -> None:
    """Codes over duplicate labels (and 2,000 unused ones, a list of labels) read as the texts
    they name."""
    labels = ["annual-budget", "first-set-results", "annual-budget"]
    labels += [f"unused-{k}" for k in range(2000)]
    labels.append("first-set-results")
    codes = np.array([0, 1, 2, -1, len(labels) - 1], dtype=np.int32)
    formed = columnar.Dates(np.full(5, _day(dt.date(2026, 1, 10))))
    columns = {"item": columnar.Categories(codes, labels), "formed_on": formed}  # type: ignore[arg-type]
    names = ["annual-budget", "first-set-results", "annual-budget", None, "first-set-results"]
    facts = [
        {"formed_on": "2026-01-10", **({} if name is None else {"item": name})} for name in names
    ]
    assert_equal("disclosure", columns, facts, ON_DISC)


def test_dates_of_unsigned_and_narrow_types_equal_the_row_path() -> None:
    facts = [
        {"item": "first-set-results", "formed_on": "2025-09-26", "published_on": "2025-10-20"},
        {"item": "first-set-results", "formed_on": "2025-10-26", "published_on": "2026-01-20"},
    ]
    formed = [_day(dt.date(2025, 9, 26)), _day(dt.date(2025, 10, 26))]
    published = [_day(dt.date(2025, 10, 20)), _day(dt.date(2026, 1, 20))]
    for dtype in (np.uint16, np.uint32, np.uint64, np.int32):
        columns = {
            "item": ["first-set-results"] * 2,
            "formed_on": columnar.Dates(np.array(formed, dtype=dtype)),
            "published_on": columnar.Dates(np.array(published, dtype=dtype)),
        }
        assert_equal("disclosure", columns, facts, ON_DISC)


def test_the_callers_pre_parsed_column_is_taken_as_it_is() -> None:
    """A well-formed column is not copied (the check looks at its type and shape only)."""
    values = np.array([350_000, 300_000], dtype=np.int64)
    column = columnar.Scaled(values)
    table = Table(FerroalloyFacts, {"enterprise.scale_after": column}, 2)
    assert table.raw["enterprise.scale_after"] is column


# --------------------------------------------------------------------------------------------
# Long tables: application keys and error paths
# --------------------------------------------------------------------------------------------


def _plans() -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    rows = [base("ferroalloy"), base("ferroalloy")]
    columns, lists = columnar.from_records(rows)
    return rows, columns, lists


@pytest.mark.parametrize(
    "key",
    [
        lambda a: np.array([np.int64(x) for x in a] + [np.int8(0)], dtype=object)[:-1],
        lambda a: np.ma.array(a),
        lambda a: [Decimal(f"{x}.000") for x in a],
        lambda a: columnar.Scaled(np.array(a, dtype=np.int32)),
    ],
    ids=["numpy-integers", "masked-none", "decimal-places", "scaled"],
)
def test_integer_application_keys_are_read(key: Any) -> None:
    rows, columns, lists = _plans()
    retired = dict(lists["retired"])
    retired["application"] = key(list(retired["application"]))
    assert_equal("ferroalloy", columns, rows, ON_PLAN, {**lists, "retired": retired})


@pytest.mark.parametrize(
    "last",
    [True, 1.0, np.float64(1.0), Decimal("NaN"), Decimal("1e999999"), -(2**63) - 1, "1"],
)
def test_an_application_key_that_is_no_integer_is_an_input_error(last: Any) -> None:
    _, columns, lists = _plans()
    retired = dict(lists["retired"])
    retired["application"] = [*list(retired["application"])[:-1], last]
    with pytest.raises(InputError) as caught:
        columnar.evaluate("ferroalloy", columns, on=ON_PLAN, lists={**lists, "retired": retired})
    assert "$.lists.retired.application" in str(caught.value)


@pytest.mark.parametrize(
    "column",
    [
        lambda a: columnar.Scaled(np.array(a), -1),
        lambda a: columnar.Scaled(np.array(a), 0, np.ones(len(a), dtype=np.bool_)),
        lambda a: columnar.Categories(np.array(a), ("0", "1")),
        lambda a: columnar.Scaled(np.array(a, dtype=np.float64)),
    ],
    ids=["scaled-tenths", "scaled-validity", "categories", "scaled-floats"],
)
def test_a_pre_parsed_application_column_other_than_whole_numbers_is_refused(column: Any) -> None:
    _, columns, lists = _plans()
    retired = dict(lists["retired"])
    retired["application"] = column(list(retired["application"]))
    with pytest.raises(InputError) as caught:
        columnar.evaluate("ferroalloy", columns, on=ON_PLAN, lists={**lists, "retired": retired})
    assert "$.lists.retired.application" in str(caught.value)


def test_a_masked_application_key_is_an_input_error() -> None:
    _, columns, lists = _plans()
    retired = dict(lists["retired"])
    keys = np.array(retired["application"])
    retired["application"] = np.ma.array(keys, mask=[i == 1 for i in range(len(keys))])
    with pytest.raises(InputError) as caught:
        columnar.evaluate("ferroalloy", columns, on=ON_PLAN, lists={**lists, "retired": retired})
    assert "$.lists.retired.application" in str(caught.value)


def test_a_malformed_pre_parsed_column_of_a_long_table_names_its_path() -> None:
    _, columns, lists = _plans()
    retired = dict(lists["retired"])
    size = len(retired["application"])
    retired["assessed"] = columnar.Scaled(np.zeros(size, dtype=np.float64))
    with pytest.raises(InputError) as caught:
        columnar.evaluate("ferroalloy", columns, on=ON_PLAN, lists={**lists, "retired": retired})
    assert "$.lists.retired.assessed" in str(caught.value)


# --------------------------------------------------------------------------------------------
# A column nested under a fact that holds no object
# --------------------------------------------------------------------------------------------


def test_a_nested_column_before_its_scalar_fact_is_refused_at_its_path() -> None:
    columns, lists = columnar.from_records([base("first_set")])
    given = {"category.x": ["a"], **columns}
    result = columnar.evaluate("first_set", given, on=ON_FS, lists=lists)
    error = result.errors.get(0)
    assert isinstance(error, InputError) and "$.category.x" in str(error), error


def test_a_nested_column_under_a_null_object_is_refused() -> None:
    columns, lists = columnar.from_records([base("first_set")])
    given = {**columns, "applicant": [None], "applicant.x": ["a"]}
    result = columnar.evaluate("first_set", given, on=ON_FS, lists=lists)
    assert isinstance(result.errors.get(0), InputError), result.decisions()


def test_the_facts_of_a_row_do_not_write_into_the_callers_objects() -> None:
    applicant: dict[str, Any] = {}
    table = Table(
        type(None),
        {"applicant": np.array([applicant], dtype=object), "applicant.x": ["a"]},
        1,
    )
    assert facts_of_row(table, 0) == {"applicant": {"x": "a"}}
    assert applicant == {}


def test_a_masked_list_fact_of_the_application_table_is_not_given() -> None:
    """A list fact given in the application table as an object column of lists: a masked entry
    is the list not given (not an empty list), whatever lies under the mask."""
    rows = [base("cluster") for _ in range(3)]
    for row in rows:
        row.pop("enterprises", None)
    columns, lists = columnar.from_records(rows)
    empty = np.empty(3, dtype=object)
    empty[:] = [[], [], []]
    columns["enterprises"] = np.ma.array(empty, mask=[0, 1, 0])
    rows[0]["enterprises"] = []
    rows[2]["enterprises"] = []
    assert_equal("cluster", columns, rows, ON_CLUSTER, lists)


@pytest.mark.parametrize("second", ["１#矿热炉", "1# 矿热炉", "1#\u3000矿热炉", " 1#矿热炉 "])
def test_unit_ids_equal_once_compared_are_one_id_given_twice_on_both_paths(second: str) -> None:
    """Retired unit ids compare after NFKC with white space removed, as the row path compares
    them: the plan goes to the row path, which refuses the second id as a duplicate."""
    facts = base("ferroalloy")
    facts["retired"][0]["id"], facts["retired"][1]["id"] = "1#矿热炉", second
    columns, lists = columnar.from_records([facts])
    result = columnar.evaluate("ferroalloy", columns, on=ON_PLAN, lists=lists)
    assert result.row_path[0]
    error = result.errors[0]
    assert isinstance(error, InputError)
    assert error.paths == ("$.retired[1].id",)
