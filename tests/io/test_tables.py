"""Uploaded CSVs: messy but valid files read to the right numbers; broken ones raise CsvError naming row and column."""

import codecs
import math
import string

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.i18n import pilot as messages
from core.io.matrix import MAX_SOURCES, coherence, near_parallel_pairs, read_matrix
from core.io.tables import (
    MAX_BYTES,
    MAX_COLUMNS,
    CsvError,
    Table,
    column_indices,
    pick,
    read_table,
)

# (bytes, columns, values, encoding, delimiter + decimal mark); columns "1", "2", ... mean no header row
VALID = {
    "semicolon, decimal comma": (b"a;b\n1,5;2,25\n3;-4,5e2\n", ("a", "b"), [[1.5, 2.25], [3, -450]], "utf-8", ";,"),
    "semicolon, no header": (b"1,5;2,25\n3,5;4,75\n", ("1", "2"), [[1.5, 2.25], [3.5, 4.75]], "utf-8", ";,"),
    "byte-order mark": (codecs.BOM_UTF8 + b"x,y\r\n1,2\r\n", ("x", "y"), [[1, 2]], "utf-8-sig", ",."),
    "Shift-JIS headers": ("圧力1;圧力2\n1,5;2\n".encode("cp932"), ("圧力1", "圧力2"), [[1.5, 2]], "cp932", ";,"),
    "UTF-8 Japanese headers": ("圧力1,圧力2\n1.5,2\n".encode(), ("圧力1", "圧力2"), [[1.5, 2]], "utf-8", ",."),
    "no header": (b"1,2\n3,4\n", ("1", "2"), [[1, 2], [3, 4]], "utf-8", ",."),
    "quoted fields": (b'"a","b"\n"1.5", "-2"\n', ("a", "b"), [[1.5, -2]], "utf-8", ",."),
    "surrounding whitespace": (b" a , b \n 1 ,\t2 \n", ("a", "b"), [[1, 2]], "utf-8", ",."),
    "trailing empty lines": (b"a,b\n1,2\n\n\n", ("a", "b"), [[1, 2]], "utf-8", ",."),
    "tabs": (b"a\tb\n1.5\t2e-3\n", ("a", "b"), [[1.5, 0.002]], "utf-8", "\t."),
    "tabs, decimal comma": (b"a\tb\n1,5\t2\n", ("a", "b"), [[1.5, 2]], "utf-8", "\t,"),
    "one column": (b"v\n1.5\n-2\n", ("v",), [[1.5], [-2]], "utf-8", ",."),
    "one column, decimal comma": (b"v\n1,5\n-2\n", ("v",), [[1.5], [-2]], "utf-8", ";,"),
    "Excel unicode text": ("圧力\tb\n1,5\t2\n".encode("utf-16"), ("圧力", "b"), [[1.5, 2]], "utf-16", "\t,"),
}


@pytest.mark.parametrize("case", VALID)
def test_messy_but_valid_files_read_to_the_right_numbers(case: str) -> None:
    raw, columns, values, encoding, marks = VALID[case]
    table = read_table(raw)
    assert table.columns == columns
    np.testing.assert_array_equal(table.values, np.array(values, dtype=np.float64))
    assert table.values.dtype == np.float64 and not table.values.flags.writeable
    assert table.header == (columns[0] != "1")
    assert (table.encoding, table.delimiter + table.decimal) == (encoding, marks)


def test_blank_rows_are_skipped_but_counted_in_row_numbers() -> None:
    table = read_table(b"a,b\n1,2\n\n3,4\n")
    assert table.values.tolist() == [[1, 2], [3, 4]] and table.rows.tolist() == [2, 4]
    picked = pick(read_table(b"a,b\n1,2\n\n3,x\n5,6\n"), "a,b")
    assert picked.dropped_rows == (4,) and picked.rows.tolist() == [2, 5]


# (bytes, code, params that must be in CsvError.params, words its message must contain)
BROKEN = {
    "empty": (b"", "empty", {}, ["empty"]),
    "blank lines": (b"\n \n,,\n", "empty", {}, ["empty"]),
    "only a BOM": (codecs.BOM_UTF8, "empty", {}, ["empty"]),
    "only a header": (b"a,b\n", "no_rows", {}, ["header"]),
    "too big": (b"1\n" * (MAX_BYTES // 2 + 1), "too_big", {"size": MAX_BYTES + 2, "cap": MAX_BYTES}, ["52,428,802"]),
    "not text": (b"a,b\n\x81\x20,1\n", "encoding", {}, ["UTF-8", "Shift-JIS"]),
    "binary with NUL bytes": (b"a,b\n1,\x00\x00\x012\n", "encoding", {}, ["UTF-8"]),
    "no numbers": (b"name,city\nfoo,bar\n", "no_numeric", {}, ["No column"]),
    "only missing values": (b"a,b\n---,Bad\nNaN,\n", "no_rows", {}, ["no rows"]),
    "ragged": (b"a,b\n1,2\n3,4,5\n", "ragged", {"row": 3, "cells": 3, "expected": 2}, ["Row 3"]),
    "unclosed quote": (b'a,b\n1,"2\n3,4\n', "malformed", {}, ["cannot be read"]),
    "too many columns": (
        b",".join([b"1"] * (MAX_COLUMNS + 1)),
        "too_many_columns",
        {"count": 257, "cap": 256},
        ["257"],
    ),
    "duplicate header": (b"a,b,a\n1,2,3\n", "duplicate_header", {"column": "a", "first": 1, "second": 3}, ['"a"']),
    "old Excel": (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old_excel", {}, [".xlsx"]),
    "zip that is no workbook": (b"PK\x03\x04" + b"\x00" * 100, "bad_workbook", {}, ["Excel"]),
    "broken Parquet": (b"PAR1" + b"\x00" * 100 + b"PAR1", "bad_parquet", {}, ["Parquet"]),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_files_raise_a_clear_csv_error(case: str) -> None:
    raw, code, params, words = BROKEN[case]
    with pytest.raises(CsvError) as err:
        read_table(raw)
    exc = err.value
    assert exc.code == code
    assert params.items() <= exc.params.items()
    message = str(exc)
    assert "\n" not in message and all(word in message for word in words), message
    assert messages.JA[f"csv.{code}"].format(**exc.params)  # the page can word it in Japanese too


MISSING = (
    b"a,b,c\n1,2,3\n4,,6\n7,NaN,9\n10,---,12\n13,#N/A,15\n16,Bad,18\n19,I/O Timeout,21\n22,1e999,24\n25,oops,27\n"
    b"28,2,3\n31,2,3\n"
)


def test_missing_values_in_picked_columns_drop_their_rows_and_say_which() -> None:
    table = read_table(MISSING)
    assert table.kinds == ("number",) * 3 and table.values.shape == (11, 3)
    whole = pick(table, "a", "c")  # column b is not picked: nothing is dropped
    assert whole.dropped == 0 and whole.note() is None and whole.parts[0][:, 0].tolist() == list(range(1, 32, 3))
    picked = pick(table, "a", "b")
    assert picked.dropped == 8 and picked.dropped_rows == (3, 4, 5, 6, 7)  # spreadsheet rows; the header is row 1
    assert picked.parts[0].tolist() == [[1], [28], [31]] and picked.parts[1].tolist() == [[2]] * 3
    assert picked.rows.tolist() == [2, 11, 12]
    note = picked.note()
    assert note is not None and note.key == "csv.dropped" and note.values == {"count": 8, "rows": "3, 4, 5, 6, 7, …"}
    assert "8 rows" in note.words("en") and "8 行" in note.words("ja")


def test_too_few_rows_left_after_the_drop_is_refused_in_words() -> None:
    with pytest.raises(CsvError) as err:
        pick(read_table(MISSING), "a,b", min_rows=4)
    assert (err.value.code, err.value.params) == ("too_few_rows", {"kept": 3, "need": 4, "dropped": 8})
    assert "Only 3 rows" in str(err.value)


def test_a_picked_time_or_text_column_is_named() -> None:
    table = read_table(b"when,tag,v\n2026-12-01 00:00,PT-1,1.5\n2026-12-01 00:01,PT-2,2.5\n")
    assert table.kinds == ("time", "text", "number")
    assert table.labels["tag"].tolist() == ["PT-1", "PT-2"]
    for column, code in (("when", "time_column"), ("tag", "text_column")):
        with pytest.raises(CsvError) as err:
            pick(table, column)
        assert (err.value.code, err.value.params) == (code, {"column": column})


def test_row_and_column_caps() -> None:
    with pytest.raises(CsvError) as err:
        read_table(b"a\n1\n2\n3\n", max_rows=2)
    assert (err.value.code, err.value.params) == ("too_many_rows", {"count": 3, "cap": 2})
    with pytest.raises(CsvError) as err:
        read_table(b"1,2,3\n", max_columns=2)
    assert (err.value.code, err.value.params) == ("too_many_columns", {"count": 3, "cap": 2})


def _csv(A: np.ndarray, names: list[str] | None = None) -> bytes:
    names = names or [f"s{j}" for j in range(1, A.shape[1] + 1)]
    return pd.DataFrame(A, columns=names).to_csv(index=False).encode()


def test_read_matrix_returns_A_and_source_names() -> None:
    A = np.array([[1.0, 0.0, 2.0, -1.0], [0.5, 1.0, 0.0, 3.0]])
    info = read_matrix(_csv(A, ["炉1", "炉2", "炉3", "炉4"]))
    np.testing.assert_array_equal(info.A, A)
    assert info.source_names == ("炉1", "炉2", "炉3", "炉4") and info.table.header
    assert info.sensor_names == ("1", "2")
    assert read_matrix(b"1,0,2\n0,1,1\n").source_names == ("1", "2", "3")


def test_a_first_column_of_sensor_names_names_the_rows() -> None:
    info = read_matrix("sensor,leak A,leak B,leak C\nPT-201 pressure,1,0,2\nPT-202 圧力,0.5,1,0\n".encode())
    assert info.sensor_names == ("PT-201 pressure", "PT-202 圧力")
    assert info.source_names == ("leak A", "leak B", "leak C")
    np.testing.assert_array_equal(info.A, [[1, 0, 2], [0.5, 1, 0]])
    headerless = read_matrix(b"PT-1,1,0,2\nPT-2,0.5,1,0\n")
    assert headerless.sensor_names == ("PT-1", "PT-2") and headerless.source_names == ("2", "3", "4")


MATRIX_BROKEN = {
    "square": (_csv(np.eye(3)), "matrix_not_wide", {"m": 3, "n": 3}, ["fewer"]),
    "tall": (_csv(np.ones((4, 2)) + np.eye(4, 2)), "matrix_not_wide", {"m": 4, "n": 2}, ["fewer"]),
    "one source": (b"s1\n1\n", "too_few_sources", {"count": 1}, ["at least 2"]),
    "zero column": (_csv(np.array([[1.0, 0.0, 2.0], [2.0, 0.0, 1.0]])), "zero_column", {"column": "s2"}, ['"s2"']),
    "duplicate columns": (
        _csv(np.array([[1.0, 2.0, 1.0], [3.0, 4.0, 3.0]])),
        "duplicate_columns",
        {"first": "s1", "second": "s3"},
        ['"s1"', '"s3"'],
    ),
    "too many sources": (b",".join([b"1"] * (MAX_SOURCES + 1)), "too_many_columns", {"count": 257}, ["257"]),
    "too many sensors": (b"1,2\n" * 300, "too_many_rows", {"count": 300, "cap": 256}, ["300"]),
    "a gap": (b"a,b,c\n1,2,3\n4,,6\n", "bad_cell", {"row": 3, "column": "b", "text": ""}, ["Row 3", '"b"']),
    "a text cell": (b"a,b,c\n1,2,3\n4,n/a?,6\n", "bad_cell", {"row": 3, "column": "b", "text": "n/a?"}, ['"n/a?"']),
    "text in a later column": (b"a,b,c\n1,x,3\n4,y,6\n", "text_column", {"column": "b"}, ['"b"']),
}


@pytest.mark.parametrize("case", MATRIX_BROKEN)
def test_read_matrix_refuses_what_the_app_cannot_reconstruct_from(case: str) -> None:
    raw, code, params, words = MATRIX_BROKEN[case]
    with pytest.raises(CsvError) as err:
        read_matrix(raw)
    assert err.value.code == code and params.items() <= err.value.params.items()
    assert all(word in str(err.value) for word in words), str(err.value)
    assert messages.JA[f"csv.{code}"].format(**err.value.params)


def test_coherence_and_the_sources_the_sensors_cannot_tell_apart() -> None:
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.normal(size=(16, 6)))  # orthonormal columns
    assert coherence(Q) < 1e-12
    A = rng.normal(size=(8, 20))  # a wide sensing matrix
    A[:, 7] = A[:, 2] + 1e-3 * rng.normal(size=8)  # two sources the sensors barely tell apart
    A[:, 11] = -3 * A[:, 5]  # opposite sign: just as indistinguishable
    assert coherence(A) == pytest.approx(1.0, abs=1e-4)
    names = [f"s{j}" for j in range(20)]
    pairs = near_parallel_pairs(A, names)
    assert [(a, b) for a, b, _ in pairs[:2]] == [("s5", "s11"), ("s2", "s7")]
    assert pairs[0][2] == pytest.approx(-1.0) and pairs[1][2] > 0.999
    assert all(abs(c) >= 0.95 for _, _, c in pairs) and len(pairs) <= 10
    assert coherence(1e300 * A) == pytest.approx(coherence(A))  # no overflow
    assert near_parallel_pairs(Q, [str(j) for j in range(6)]) == []


def test_near_parallel_pairs_returns_at_most_ten_sorted_by_size() -> None:
    base = np.arange(1.0, 5.0)
    A = np.stack([base + 0.01 * j * np.sin(np.arange(4.0) + j) for j in range(8)], axis=1)
    pairs = near_parallel_pairs(A, [f"s{j}" for j in range(8)])
    assert len(pairs) == 10
    sizes = [abs(c) for _, _, c in pairs]
    assert sizes == sorted(sizes, reverse=True)


TABLE = read_table(b"a,b,c,d,e\n1,2,3,4,5\n6,7,8,9,10\n")


@pytest.mark.parametrize(
    ("selection", "indices"),
    [("a,c", (0, 2)), ("1-3,5", (0, 1, 2, 4)), (" e , 2 ", (4, 1)), ("b,2,1-2", (1, 0)), ("4 - 5", (3, 4))],
)
def test_pick_columns_by_name_index_and_range(selection: str, indices: tuple[int, ...]) -> None:
    assert column_indices(TABLE, selection) == indices
    np.testing.assert_array_equal(pick(TABLE, selection).parts[0], TABLE.values[:, list(indices)])
    assert column_indices(TABLE, [TABLE.columns[j] for j in indices]) == indices  # a page's list of names


def test_a_header_named_like_a_number_wins_over_the_column_number() -> None:
    table = read_table(b"time,1,2\n0,10,20\n")
    assert pick(table, "1").parts[0].tolist() == [[10.0]]


@pytest.mark.parametrize("selection", ["z", "0", "6", "3-9", "5-3", "a,x", "9" * 50])
def test_pick_columns_names_an_unknown_column(selection: str) -> None:
    with pytest.raises(CsvError) as err:
        pick(TABLE, selection)
    assert err.value.code == "unknown_column" and err.value.params["count"] == 5
    assert str(err.value).startswith("There is no column")


def test_pick_columns_needs_a_selection() -> None:
    with pytest.raises(CsvError) as err:
        pick(TABLE, " , ")
    assert err.value.code == "empty_selection"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_and_japanese_messages_match() -> None:
    assert messages.EN.keys() == messages.JA.keys()
    assert all(key.startswith(("pilot.", "scalecheck.", "csv.")) for key in messages.EN)  # the Pilot page's catalogue
    for key, en in messages.EN.items():
        assert _fields(en) == _fields(messages.JA[key]), key
    codes = {case[1] for case in (*BROKEN.values(), *MATRIX_BROKEN.values())} | {"unknown_column", "empty_selection"}
    assert {f"csv.{code}" for code in codes} <= messages.EN.keys()


def _read_or_refuse(raw: bytes) -> None:
    try:
        table = read_table(raw)
    except CsvError as exc:
        assert exc.code and "\n" not in str(exc)
        return
    assert isinstance(table, Table) and not np.isinf(table.values).any()
    assert table.values.shape == (len(table.rows), len(table.columns)) and table.values.shape[0] >= 1
    assert "number" in table.kinds and len(table.units) == len(table.kinds) == len(table.columns)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_read_or_raise_csv_error(raw: bytes) -> None:
    _read_or_refuse(raw)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0", codecs.BOM_UTF16_LE]), st.binary(max_size=500))
def test_any_bytes_behind_a_format_s_magic_read_or_raise_csv_error(magic: bytes, rest: bytes) -> None:
    _read_or_refuse(magic + rest)
    _read_or_refuse(magic + rest + b"PAR1")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_reads_or_raises_csv_error(text: str) -> None:
    _read_or_refuse(text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["1", "-2.5", "1,5", "x", "", '"', " ", ",", ";", "\t", "\n", "\r", "nan", "e"])))
def test_csv_like_text_reads_or_raises_csv_error(pieces: list[str]) -> None:
    _read_or_refuse("".join(pieces).encode("utf-8"))


FINITE = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 20), st.integers(1, 10)), elements=FINITE), st.booleans())
def test_pandas_csv_round_trip(X: np.ndarray, european: bool) -> None:
    frame = pd.DataFrame(X, columns=[f"c{j}" for j in range(X.shape[1])])
    text = frame.to_csv(index=False, sep=";", decimal=",") if european else frame.to_csv(index=False)
    table = read_table(text.encode())
    assert table.columns == tuple(frame.columns)
    np.testing.assert_allclose(table.values, X, rtol=1e-9, atol=0)


def test_values_are_exact_not_just_close() -> None:
    x = [0.1, 1 / 3, -math.pi, 5e-324, 1e6 - 1e-10]
    table = read_table(pd.DataFrame({"x": x}).to_csv(index=False, sep=";", decimal=",").encode())
    assert table.values[:, 0].tolist() == x
