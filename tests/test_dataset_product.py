"""The dataset as a product: incremental rebuilds, the lock, validation, the data dictionary, stats
and exports, all through the real command line on real files."""

from __future__ import annotations

import fcntl
import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.dictionary import data_dictionary
from eventcoder.schema import TABLES
from tests.conftest import GOLD, ROOT, SEEDS


def write_corpus(folder: Path, count: int = 6) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stories = [json.loads(line) for line in (GOLD / "ru_stories.jsonl").read_text(encoding="utf-8").splitlines()]
    for story in stories[:count]:
        (folder / f"{story['id']}.jsonl").write_text(
            json.dumps({"id": story["id"], "text": story["text"], "date": story["date"]}, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    shutil.copy(next(SEEDS.glob("*.txt")), folder / "seed.txt")
    return folder


def code(corpus: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        main, ["code", str(corpus), "--out", str(out), "--quiet", "--date", "2020-01-20", *extra]
    )
    assert result.exit_code == 0, result.output
    return result.output


def rows(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "events.parquet").sort_values("event_id").reset_index(drop=True)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    code(corpus, out)
    return corpus, out


def test_rerun_reuses_everything_and_gives_identical_rows(built: tuple[Path, Path]) -> None:
    corpus, out = built
    before = rows(out)
    summary = code(corpus, out)
    assert "0 recoded, 7 from cache" in summary
    pd.testing.assert_frame_equal(before, rows(out))


def test_changing_one_story_recodes_only_it(built: tuple[Path, Path]) -> None:
    corpus, out = built
    before = rows(out)
    changed = sorted(corpus.glob("*.jsonl"))[0]
    record = json.loads(changed.read_text(encoding="utf-8"))
    record["text"] = "Путин провёл телефонный разговор с Эрдоганом."
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert "1 recoded, 6 from cache" in code(corpus, out)
    after = rows(out)
    unchanged_before = before[before["doc_id"] != record["id"]].drop(columns=["reports"]).reset_index(drop=True)
    unchanged_after = after[after["doc_id"] != record["id"]].drop(columns=["reports"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(unchanged_before, unchanged_after)
    assert set(after[after["doc_id"] == record["id"]]["trigger_text"]) <= {"провёл", "разговор"}


def test_deleting_a_story_removes_its_rows(built: tuple[Path, Path]) -> None:
    corpus, out = built
    gone = sorted(corpus.glob("*.jsonl"))[1]
    doc_id = json.loads(gone.read_text(encoding="utf-8"))["id"]
    assert doc_id in set(rows(out)["doc_id"])
    gone.unlink()
    assert "1 gone" in code(corpus, out)
    assert doc_id not in set(rows(out)["doc_id"])
    assert doc_id not in set(pd.read_parquet(out / "documents.parquet")["doc_id"])


def test_full_recodes_everything(built: tuple[Path, Path]) -> None:
    corpus, out = built
    assert "7 recoded, 0 from cache" in code(corpus, out, "--full")


def test_a_second_run_on_a_locked_output_exits_3(built: tuple[Path, Path]) -> None:
    corpus, out = built
    with (out / ".eventcoder.lock").open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = CliRunner().invoke(main, ["code", str(corpus), "--out", str(out), "--quiet"])
    assert result.exit_code == 3
    assert "another eventcoder run" in result.output


def test_validate_passes_then_names_the_corrupted_row(built: tuple[Path, Path]) -> None:
    _, out = built
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 0
    table = pq.read_table(out / "events.parquet")
    codes = table.column("cameo_code").to_pylist()
    codes[0] = "999"
    corrupted = table.set_column(table.schema.get_field_index("cameo_code"), "cameo_code", pa.array(codes))
    pq.write_table(corrupted, out / "events.parquet")
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 1
    assert table.column("event_id")[0].as_py() in result.output and "cameo_code" in result.output


def test_data_dictionary_covers_every_column_and_is_current(built: tuple[Path, Path]) -> None:
    _, out = built
    dictionary = (out / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    for model in TABLES.values():
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in dictionary
    assert (ROOT / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8") == data_dictionary(), (
        "docs/DATA_DICTIONARY.md is stale: regenerate it with python -c "
        "'from eventcoder.dictionary import data_dictionary; print(data_dictionary(), end=\"\")'"
    )


def test_pandas_dtypes_and_r_friendly_parquet(built: tuple[Path, Path]) -> None:
    _, out = built
    events = pd.read_parquet(out / "events.parquet")
    assert isinstance(events["modality"].dtype, pd.CategoricalDtype)
    assert str(events["quad_class"].dtype) == "int8" and str(events["reports"].dtype) == "int32"
    assert all(isinstance(code, str) for code in events["cameo_code"])
    documents = pd.read_parquet(out / "documents.parquet")
    assert str(documents["event_count"].dtype) == "int32"
    for name in ("events", "documents", "rejects"):
        schema = pq.read_schema(out / f"{name}.parquet")
        assert b"pandas" not in (schema.metadata or {})
        for field in schema:
            assert not pa.types.is_unsigned_integer(field.type)
            assert not pa.types.is_timestamp(field.type) and not pa.types.is_int64(field.type)


def test_stats_and_chart(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = built
    chart = tmp_path / "chart.png"
    result = CliRunner().invoke(main, ["stats", str(out), "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    for heading in (
        "stories by status",
        "events by CAMEO root",
        "events by quad class",
        "top 10 actors",
        "top 10 dyads",
        "events per month",
    ):
        assert heading in result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_csv_export_keeps_codes_and_dates(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = built
    result = CliRunner().invoke(main, ["export", str(out), "--to", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    events = pd.read_csv(tmp_path / "csv" / "events.csv", dtype=str)
    assert events["cameo_code"].str.fullmatch(r"\d{3,4}").all()
    assert events["event_date"].dropna().str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    script = (tmp_path / "csv" / "read_in_R.R").read_text(encoding="utf-8")
    assert 'col_types = "' in script and "library(readr)" in script


@pytest.mark.skipif(shutil.which("Rscript") is None or not shutil.which("Rscript"), reason="R is not installed")
def test_r_reads_the_csv_export_with_the_declared_types(built: tuple[Path, Path], tmp_path: Path) -> None:
    """Debian's r-base-core and r-cran-readr (apt-get install r-base-core r-cran-readr), when present."""
    import subprocess

    _, out = built
    CliRunner().invoke(main, ["export", str(out), "--to", str(tmp_path / "csv")])
    check = (
        'suppressMessages(library(readr)); source("read_in_R.R"); '
        "stopifnot(nrow(problems(events)) == 0, is.character(events$cameo_code), "
        'inherits(events$event_date, "Date"), is.integer(events$quad_class), is.integer(events$reports), '
        'is.logical(events$target_from_context), inherits(documents$doc_date, "Date"), '
        "all(nchar(events$cameo_code) >= 3)); cat(nrow(events))"
    )
    result = subprocess.run(["Rscript", "-e", check], cwd=tmp_path / "csv", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) == len(pd.read_parquet(out / "events.parquet"))
