"""Texts of uploaded CSV files (core/io/tables.py): why a file cannot be used, and the warning about look-alike sources.

Each csv.<code> is the message of a CsvError with that code, formatted with its params; the English one is also the
exception's own text. {row} is the row number a spreadsheet shows (the header is row 1); {column}, {first} and
{second} are column headers (or 1-based column numbers when the file has no header row); {text} is the cell as
written, shortened to 20 characters.
"""

EN = {
    "csv.unreadable": "cannot read {path}: {reason}",
    "csv.too_big": "The file is {size:,} bytes; at most {cap:,} bytes ({cap_mb:g} MB) are allowed.",
    "csv.encoding": "The file cannot be read as text: save it as CSV in UTF-8 or Shift-JIS (cp932).",
    "csv.empty": "The file is empty: it holds no rows.",
    "csv.malformed": "Row {row} cannot be read as CSV ({reason}).",
    "csv.no_rows": "The file has a header row but no rows of numbers below it.",
    "csv.no_numeric": "No column holds numbers: no cell of the file is a finite number.",
    "csv.bad_cell": 'Row {row}, column "{column}": "{text}" is not a finite number; every cell must hold one, such as 1.5 or -2e3.',
    "csv.ragged": "Row {row} has {cells} cell(s) but the first row has {expected}; every row needs the same number of cells.",
    "csv.too_many_rows": "The file has {count:,} rows of numbers; at most {cap:,} are allowed.",
    "csv.too_many_columns": "The file has {count} columns; at most {cap} are allowed.",
    "csv.duplicate_header": 'Columns {first} and {second} are both headed "{column}"; every column needs its own header.',
    "csv.too_few_sources": "The matrix has {count} column; it needs at least {min} columns (sources).",
    "csv.matrix_not_wide": "The matrix has {m} rows (sensors) and {n} columns (sources), but ScaleLab reconstructs n sources from fewer sensors: it needs fewer rows than columns.",
    "csv.zero_column": 'Column "{column}" of the matrix is all zeros: no sensor sees that source.',
    "csv.duplicate_columns": 'Columns "{first}" and "{second}" of the matrix are identical: the sensors cannot tell those two sources apart.',
    "csv.unknown_column": 'There is no column "{item}": give a header, a column number from 1 to {count}, or a range such as 1-3.',
    "csv.empty_selection": "No column is selected: give headers or column numbers, such as a,b or 1-3,5.",
    "csv.near_parallel": 'Sources "{first}" and "{second}" look almost the same to the sensors (cosine {cosine:.3f}): the sensors cannot tell them apart.',
}

JA = {
    "csv.unreadable": "{path} を読めません：{reason}",
    "csv.too_big": "ファイルは {size:,} バイトです。上限は {cap:,} バイト（{cap_mb:g} MB）です。",
    "csv.encoding": "ファイルをテキストとして読めません。UTF-8 または Shift-JIS（cp932）の CSV として保存してください。",
    "csv.empty": "ファイルが空です。行がありません。",
    "csv.malformed": "{row} 行目を CSV として読めません（{reason}）。",
    "csv.no_rows": "見出し行の下に数値の行がありません。",
    "csv.no_numeric": "数値の列がありません。有限の数値が入ったセルが一つもありません。",
    "csv.bad_cell": "{row} 行目、列「{column}」：「{text}」は有限の数値ではありません。すべてのセルに 1.5 や -2e3 のような数値が必要です。",
    "csv.ragged": "{row} 行目のセルは {cells} 個ですが、1 行目は {expected} 個です。すべての行でセルの数をそろえてください。",
    "csv.too_many_rows": "数値の行が {count:,} 行あります。上限は {cap:,} 行です。",
    "csv.too_many_columns": "列が {count} 列あります。上限は {cap} 列です。",
    "csv.duplicate_header": "{first} 列目と {second} 列目の見出しがどちらも「{column}」です。列ごとに別の見出しを付けてください。",
    "csv.too_few_sources": "行列の列は {count} 列です。列（発生源）は {min} 列以上必要です。",
    "csv.matrix_not_wide": "行列は {m} 行（センサー）× {n} 列（発生源）です。ScaleLab は n 個の発生源をそれより少ないセンサーから復元するため、行の数を列の数より少なくしてください。",
    "csv.zero_column": "行列の列「{column}」がすべて 0 です。その発生源はどのセンサーにも見えません。",
    "csv.duplicate_columns": "行列の列「{first}」と「{second}」が同一です。センサーはこの二つの発生源を区別できません。",
    "csv.unknown_column": "列「{item}」はありません。見出し、1 から {count} までの列番号、または 1-3 のような範囲を指定してください。",
    "csv.empty_selection": "列が選ばれていません。a,b や 1-3,5 のように見出しか列番号を指定してください。",
    "csv.near_parallel": "発生源「{first}」と「{second}」はセンサーからはほとんど同じに見えます（コサイン {cosine:.3f}）。センサーはこの二つを区別できません。",
}
