"""`eventcoder export OUTPUT --format csv`: the tables as CSV, with an R script that reads them back
with the declared column types (readr), generated from the same pandera models."""

from __future__ import annotations

from pathlib import Path

import pyarrow

from eventcoder.dataset import TABLE_FILES, read_table
from eventcoder.schema import TABLES, arrow_schema

READR_TYPES = {"string": "c", "date32[day]": "D", "int8": "i", "int32": "i", "float": "d", "bool": "l"}


def _readr_spec(table: str) -> str:
    letters = []
    for field in arrow_schema(TABLES[table]):
        arrow_type = field.type.value_type if pyarrow.types.is_dictionary(field.type) else field.type
        letters.append(READR_TYPES.get(str(arrow_type), "c"))
    return "".join(letters)


def export_csv(out: Path, destination: Path) -> list[Path]:
    """Write each table as CSV (UTF-8, ISO dates, codes as text) and `read_in_R.R` beside them."""
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for table, file_name in TABLE_FILES.items():
        frame = read_table(out / file_name)
        path = destination / f"{table}.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    script = ["# Reads the exported tables with the column types eventcoder declares.", "library(readr)"]
    for table in TABLE_FILES:
        script.append(f'{table} <- read_csv("{table}.csv", col_types = "{_readr_spec(table)}", na = "")')
    (destination / "read_in_R.R").write_text("\n".join(script) + "\n", encoding="utf-8")
    return [*written, destination / "read_in_R.R"]
