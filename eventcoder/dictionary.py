"""DATA_DICTIONARY.md, generated from the pandera models: one source of truth for every column."""

from __future__ import annotations

from typing import Any

from eventcoder.schema import SCHEMA_VERSION, TABLES, arrow_schema

PANDAS_TYPES = {
    "string": "str",
    "dictionary<values=string, indices=int32, ordered=0>": "category",
    "date32[day]": "object (datetime.date)",
    "int8": "int8",
    "int32": "int32",
    "float": "float32",
    "bool": "bool",
}
R_TYPES = {
    "string": "character",
    "dictionary<values=string, indices=int32, ordered=0>": "factor",
    "date32[day]": "Date",
    "int8": "integer",
    "int32": "integer",
    "float": "double",
    "bool": "logical",
}


def _allowed(statistics: dict[str, Any], name: str) -> str:
    if "allowed_values" in statistics:
        return ", ".join(f"`{v}`" for v in statistics["allowed_values"])
    if "pattern" in statistics:
        return f"matches `{statistics['pattern']}`"
    if "min_value" in statistics and "max_value" in statistics:
        return f"{statistics['min_value']} … {statistics['max_value']}"
    if "min_value" in statistics:
        return f"≥ {statistics['min_value']}"
    if "max_value" in statistics:
        return f"≤ {statistics['max_value']}"
    return name


def data_dictionary() -> str:
    """The data dictionary as Markdown."""
    lines = [
        "# Data dictionary",
        "",
        f"Generated from the pandera models in `eventcoder/schema.py` (schema version {SCHEMA_VERSION}); do "
        "not edit by hand. Every Parquet file also carries the schema version, coder version and codebook "
        "hash in its key-value metadata.",
        "",
    ]
    for table, model in TABLES.items():
        schema = model.to_schema()
        arrow = arrow_schema(model)
        lines += [f"## `{table}.parquet`", "", (model.__doc__ or "").strip(), ""]
        lines += [
            "| column | Parquet type | pandas | R | null | meaning | allowed values | example |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, column in schema.columns.items():
            arrow_type = str(arrow.field(name).type)
            allowed = "; ".join(_allowed(check.statistics or {}, check.name or "") for check in column.checks)
            if column.unique:
                allowed = "; ".join(filter(None, [allowed, "unique"]))
            example = (column.metadata or {}).get("example", "")
            lines.append(
                f"| `{name}` | {arrow_type.replace('<values=string, indices=int32, ordered=0>', '(string)')} "
                f"| {PANDAS_TYPES.get(arrow_type, arrow_type)} | {R_TYPES.get(arrow_type, arrow_type)} "
                f"| {'yes' if column.nullable else 'no'} | {(column.description or '').replace('|', '/')} "
                f"| {allowed or '—'} | {example} |"
            )
        table_checks = [check.name for check in schema.checks]
        if table_checks:
            lines += ["", "Checks across columns: " + "; ".join(str(c) for c in table_checks) + "."]
        lines.append("")
    lines += [
        "## Counting unique events",
        "",
        "A row of `events.parquet` is one report of an event in one story. Several stories reporting the "
        "same event (same `event_date`, `source_actor`, `target_actor` and `cameo_code`) share an "
        "`event_group`, and `reports` says how many stories do. To count events rather than reports, keep "
        "one row per group:",
        "",
        "```python",
        'events.drop_duplicates("event_group")',
        "```",
        "```r",
        "events[!duplicated(events$event_group), ]",
        "```",
        "",
    ]
    return "\n".join(lines)
