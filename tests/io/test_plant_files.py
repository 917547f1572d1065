"""The files plants export: a historian CSV, its Excel and Parquet twins and a named sensing matrix give the same
numbers; encodings, thousands separators, sheets and the size caps."""

import codecs
import io
import json
import os
import subprocess
import sys
import time
import tomllib
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.io import formats, limits
from core.io.cli.main import main
from core.io.matrix import read_matrix
from core.io.tables import CsvError, pick, read_table
from tests import ROOT

TAGS = ["FT-101 flow", "PT-201 pressure", "TT-301 temp"]
UNITS = ["m3/h", "bar", "°C"]
N = 40


def historian() -> tuple[pd.DataFrame, np.ndarray]:
    """A 1-second historian export: Timestamp, three tags, and the numbers (N, 3) with one blank (row 5, PT-201)."""
    rng = np.random.default_rng(13)
    flow = np.exp(rng.uniform(np.log(0.1), np.log(100.0), N))
    values = np.round(np.stack([flow, 0.02 * flow, 20 + 0 * flow + rng.normal(0, 0.1, N)], axis=1), 4)
    stamps = pd.date_range("2026-12-01 00:00:00", periods=N, freq="s").strftime("%Y-%m-%d %H:%M:%S")
    frame = pd.DataFrame(values, columns=TAGS).astype(object)
    frame.iloc[3, 1] = ""  # one blank cell: spreadsheet row 4 + the header and units rows = row 6
    frame.insert(0, "Timestamp", list(stamps))
    return frame, values


def historian_csv(encoding: str = "utf-8-sig") -> bytes:
    """The export as a historian writes it: header, units row, CRLF."""
    frame, _ = historian()
    units = pd.DataFrame([["", *UNITS]], columns=frame.columns)
    text = pd.concat([units, frame]).to_csv(index=False, lineterminator="\r\n")
    return text.encode(encoding)


def historian_xlsx() -> bytes:
    """The same export saved from Excel: a cover sheet first, the data on sheet "Export"."""
    frame, _ = historian()
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        pd.DataFrame({"note": ["exported from the historian"]}).to_excel(writer, sheet_name="Cover", index=False)
        units = pd.DataFrame([["", *UNITS]], columns=frame.columns)
        data = frame.copy()
        for tag in TAGS:
            data[tag] = pd.to_numeric(data[tag])  # numbers as numbers, the blank as an empty cell
        pd.concat([units, data]).to_excel(writer, sheet_name="Export", index=False)
    return out.getvalue()


def historian_parquet() -> bytes:
    """The same export as Parquet: typed columns (timestamps, floats with one null), no units row."""
    frame, _ = historian()
    data = frame.copy()
    data["Timestamp"] = pd.to_datetime(data["Timestamp"])
    for tag in TAGS:
        data[tag] = pd.to_numeric(data[tag])
    out = io.BytesIO()
    data.to_parquet(out, index=False)
    return out.getvalue()


def test_the_historian_export_and_its_excel_and_parquet_twins_give_the_same_numbers() -> None:
    _, values = historian()
    keep = np.ones(N, bool)
    keep[3] = False
    picked = []
    for raw, sheet in ((historian_csv(), None), (historian_xlsx(), "Export"), (historian_parquet(), None)):
        table = read_table(raw, sheet=sheet)
        assert table.columns == ("Timestamp", *TAGS) and table.kinds == ("time", "number", "number", "number")
        assert table.labels["Timestamp"][0].startswith("2026-12-01 00:00:00")
        result = pick(table, "FT-101 flow", "PT-201 pressure")
        assert result.dropped == 1
        picked.append(result)
        X, Y = result.parts
        np.testing.assert_array_equal(X[:, 0], values[keep, 0])
        np.testing.assert_array_equal(Y[:, 0], values[keep, 1])
    csv, xlsx = read_table(historian_csv()), read_table(historian_xlsx(), sheet="Export")
    assert csv.units == xlsx.units == ("", *UNITS) and csv.units_row and xlsx.units_row
    assert (
        csv.encoding == "utf-8-sig"
        and csv.delimiter == ","
        and (xlsx.sheet, xlsx.sheets) == ("Export", ("Cover", "Export"))
    )
    assert picked[0].dropped_rows == picked[1].dropped_rows == (6,)  # header, units row, then data from row 3
    assert picked[2].dropped_rows == (5,)  # Parquet has no units row: its header is row 1, data from row 2


def test_the_first_sheet_is_read_unless_another_is_named() -> None:
    with pytest.raises(CsvError) as err:
        read_table(historian_xlsx())  # the cover sheet has no numbers
    assert err.value.code == "no_numeric"
    with pytest.raises(CsvError) as err:
        read_table(historian_xlsx(), sheet="Data")
    assert err.value.code == "unknown_sheet" and err.value.params["sheets"] == "Cover, Export"


def test_the_named_matrix_file_keeps_sensor_and_source_names_in_every_format() -> None:
    A = np.array([[1.0, 0.5, 0.25, 0.125], [0.1, 1.0, 0.5, 0.2], [0.05, 0.2, 1.0, 0.6]])
    frame = pd.DataFrame(A, columns=["leak J-10", "leak J-11", "leak J-12", "leak J-13"])
    frame.insert(0, "sensor", TAGS)
    parquet, xlsx = io.BytesIO(), io.BytesIO()
    frame.to_parquet(parquet, index=False)
    frame.to_excel(xlsx, index=False)
    for raw in (frame.to_csv(index=False).encode(), parquet.getvalue(), xlsx.getvalue()):
        info = read_matrix(raw)
        np.testing.assert_array_equal(info.A, A)
        assert info.sensor_names == tuple(TAGS) and info.source_names == tuple(frame.columns[1:])


def test_cli_scale_check_reads_the_historian_export_by_tag_names(tmp_path, capsys) -> None:
    for name, raw in (("export.csv", historian_csv()), ("export.xlsx", historian_xlsx())):
        path = tmp_path / name
        path.write_bytes(raw)
        argv = ["scale-check", "--data", str(path), "--inputs", "FT-101 flow", "--outputs", "PT-201 pressure", "--json"]
        argv += ["--sheet", "Export"] if name.endswith("xlsx") else []
        assert main([*argv, "--seed", "0"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["n_samples"] == N - 1 and data["skipped_rows"] == 1 and data["first_skipped_rows"] == [6]


def test_cli_encoding_flag_and_a_wrong_one(tmp_path, capsys) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(historian_csv("cp1252"))
    argv = ["scale-check", "--data", str(path), "--inputs", "2", "--outputs", "3"]
    assert main([*argv, "--encoding", "utf-16"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "utf-16" in err[0]


# (bytes, the unit of column 2 as it must come out)
ENCODED = {
    "cp1252": ("t,T\n,°C\n1,2\n3,4\n".encode("cp1252"), "cp1252"),
    "latin-1 text cp1252 reads alike": ("t,T\n,µS/cm\n1,2\n3,4\n".encode("latin-1"), "cp1252"),
    "UTF-8": ("t,T\n,°C\n1,2\n3,4\n".encode(), "utf-8"),
    "UTF-8 with BOM": ("t,T\n,°C\n1,2\n3,4\n".encode("utf-8-sig"), "utf-8-sig"),
    "UTF-16 with BOM": ("t\tT\n\t°C\n1\t2\n3\t4\n".encode("utf-16"), "utf-16"),
    "UTF-16 without BOM": ("t,T\n,°C\n1,2\n3,4\n".encode("utf-16-le"), "utf-16-le"),
    "Shift-JIS": ("時刻,温度\n,℃\n1,2\n3,4\n".encode("cp932"), "cp932"),
}


@pytest.mark.parametrize("case", ENCODED)
def test_encodings_are_guessed_so_the_units_come_out_right(case: str) -> None:
    raw, encoding = ENCODED[case]
    table = read_table(raw)
    expected = raw.decode(encoding).replace("\t", ",").splitlines()[1].split(",")[1]
    assert table.encoding == encoding and table.units[1] == expected and table.values.tolist() == [[1, 2], [3, 4]]


def test_a_wrong_guess_can_be_overridden_and_a_wrong_override_is_refused() -> None:
    raw = "a,b\nｱ,1\nｲ,2\n".encode("cp932")  # half-width kana only: read as cp1252 unless told
    assert read_table(raw).encoding == "cp1252"
    assert read_table(raw, encoding="cp932").labels["a"].tolist() == ["ｱ", "ｲ"]
    with pytest.raises(CsvError) as err:
        read_table("a\n°\n1\n".encode("cp1252"), encoding="utf-8")
    assert (err.value.code, err.value.params) == ("encoding_override", {"encoding": "utf-8"})


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        (b'a,b\n"1,234.5",2\n"12,345,678",3\n', [[1234.5, 2], [12345678, 3]]),
        (b"a;b\n1.234,5;2\n12.345.678;3,5\n", [[1234.5, 2], [12345678, 3.5]]),
        (b'a,b\r\n"1.5","-2"\r\n', [[1.5, -2]]),
    ],
)
def test_thousands_separators_decimal_commas_quotes_and_crlf(raw: bytes, values: list) -> None:
    assert read_table(raw).values.tolist() == values


def _zip_declaring(size: int) -> bytes:
    """An xlsx-looking zip whose one member declares `size` bytes once unpacked (zeros compress to nearly nothing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * size)
    return out.getvalue()


def test_xlsx_and_parquet_declaring_more_than_ten_times_the_cap_are_refused_before_expansion(monkeypatch) -> None:
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(CsvError) as err:
        read_table(_zip_declaring(1001))
    assert (err.value.code, err.value.params) == ("unpacked_too_big", {"size": 1001, "cap": 1000})
    with pytest.raises(CsvError) as err:
        read_table(historian_parquet())
    assert err.value.code == "unpacked_too_big" and err.value.params["size"] > 1000


def test_the_upload_cap_comes_from_the_environment_and_the_server_config_agrees(monkeypatch) -> None:
    assert limits.DEFAULT_MAX_UPLOAD_MB == 50
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == limits.DEFAULT_MAX_UPLOAD_MB
    for text, mb in (("200", 200), ("", 50), ("x", 50), ("0", 50), ("-3", 50)):
        monkeypatch.setenv("SCALELAB_MAX_UPLOAD_MB", text)
        assert limits.max_upload_mb() == mb
    code = "from core.io import limits, tables; print(limits.MAX_BYTES, tables.MAX_BYTES, limits.MAX_ROWS)"
    env = {**os.environ, "SCALELAB_MAX_UPLOAD_MB": "7"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(7 * 2**20), str(7 * 2**20), str(7 * 20_000)]


@pytest.mark.slow
def test_a_day_of_one_second_data_for_20_tags_loads_in_a_few_seconds() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        np.round(rng.lognormal(size=(86_400, 20)), 5), columns=[f"TAG-{j:03d} flow" for j in range(20)]
    )
    frame.insert(0, "Timestamp", pd.date_range("2026-12-01", periods=86_400, freq="s").strftime("%Y-%m-%d %H:%M:%S"))
    raw = codecs.BOM_UTF8 + frame.to_csv(index=False, lineterminator="\r\n").encode()
    assert 12 * 2**20 < len(raw) < 20 * 2**20  # about 15 MB
    start = time.perf_counter()
    table = read_table(raw)
    seconds = time.perf_counter() - start
    assert table.values.shape == (86_400, 21) and table.kinds[0] == "time"
    np.testing.assert_array_equal(table.values[:, 1:], frame.iloc[:, 1:].to_numpy())
    assert seconds < 10, seconds  # measured about 2 s on this project's 2-core machine


CELLS = st.one_of(st.none(), st.text(max_size=12), st.floats(allow_nan=False, allow_infinity=False), st.integers(-9, 9))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=1, max_size=8))
def test_any_workbook_reads_or_raises_csv_error(rows: list) -> None:
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book, out = openpyxl.Workbook(), io.BytesIO()
    try:
        for row in rows:
            book.active.append(row)
        book.save(out)
    except (ValueError, TypeError, IllegalCharacterError):  # control characters: no such file exists
        return
    try:
        table = read_table(out.getvalue())
    except CsvError as exc:
        assert exc.code and "\n" not in str(exc)
        return
    assert table.values.shape == (len(table.rows), len(table.columns)) and "number" in table.kinds
