"""The command line as users run it: real files in, real Parquet out, one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from eventcoder.cli import main
from tests.conftest import GOLD, SEEDS


def test_code_seeds_writes_three_tables(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["code", str(SEEDS), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "events" in result.output
    for name in ("events.parquet", "documents.parquet", "rejects.parquet", "manifest.json"):
        assert (out / name).is_file()
    events = pd.read_parquet(out / "events.parquet")
    documents = pd.read_parquet(out / "documents.parquet")
    assert len(documents) == len(list(SEEDS.glob("*.txt")))
    assert (documents["status"] == "coded").all()
    assert len(events) >= 8
    assert events["cameo_code"].str.fullmatch(r"\d{3,4}").all()


def test_bad_inputs_are_listed_and_the_run_succeeds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), corpus / "good.txt")
    (corpus / "empty.txt").write_text("")
    (corpus / "junk.txt").write_bytes(b"\x00\xff" * 100)
    (corpus / "lines.jsonl").write_text('{"id": "x", "text": "ЕС ввёл санкции против России."}\n{broken\n')
    result = CliRunner().invoke(
        main, ["code", str(corpus), "--out", str(tmp_path / "out"), "--quiet", "--date", "2020-01-17"]
    )
    assert result.exit_code == 0, result.output
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert len(documents) == 5
    assert documents.loc["empty", "status"] == "empty"
    assert documents.loc["junk", "status"] == "rejected"
    assert documents.loc["x", "status"] == "coded"
    assert documents["reason"][documents["status"] != "coded"].notna().all()


def test_no_inputs_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["code", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no such input" in result.output and "Traceback" not in result.output


def test_bad_date_option_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["code", str(SEEDS), "--date", "17.01.2020"])
    assert result.exit_code == 2


def test_broken_codebook_names_file_and_line(tmp_path: Path) -> None:
    codebooks = tmp_path / "codebooks"
    shutil.copytree(Path(__file__).resolve().parent.parent / "codebooks", codebooks)
    (codebooks / "patterns" / "ru" / "01_statement.yaml").write_text('- code: "010"\n  verb: [заявить\n')
    result = CliRunner().invoke(
        main, ["code", str(SEEDS), "--out", str(tmp_path / "out"), "--codebooks", str(codebooks)]
    )
    assert result.exit_code == 1
    assert "01_statement.yaml:" in result.output


def test_evaluate_prints_scores() -> None:
    result = CliRunner().invoke(main, ["evaluate", str(GOLD / "seed.jsonl")])
    assert result.exit_code == 0, result.output
    assert "F1=" in result.output and "ru" in result.output


def test_explain_shows_codebook_origins() -> None:
    result = CliRunner().invoke(
        main, ["explain", "Путин провёл телефонный разговор с Эрдоганом.", "--date", "2020-01-08"]
    )
    assert result.exit_code == 0, result.output
    assert "EVENT" in result.output and "RUSGOV" in result.output
    assert ".yaml:" in result.output


def test_mixed_russian_and_english_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ru.txt").write_text(
        "МОСКВА – 17 января. Путин провёл телефонный разговор с Эрдоганом.", encoding="utf-8"
    )
    (corpus / "en.txt").write_text(
        "ANKARA, Jan 17 (Reuters) - Turkish President Tayyip Erdogan held a telephone call with Vladimir Putin.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["code", str(corpus), "--out", str(tmp_path / "out"), "--quiet", "--date", "2020-01-20"]
    )
    assert result.exit_code == 0, result.output
    events = pd.read_parquet(tmp_path / "out" / "events.parquet")
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert documents.loc["ru", "language"] == "ru" and documents.loc["en", "language"] == "en"
    assert str(documents.loc["en", "doc_date"]) == "2020-01-17" and documents.loc["en", "doc_date_source"] == "dateline"
    by_doc = {
        doc: set(zip(rows["source_actor"], rows["target_actor"], rows["language"], strict=True))
        for doc, rows in events.groupby("doc_id")
    }
    assert ("RUSGOV", "TURGOV", "ru") in by_doc["ru"]
    assert ("TURGOV", "RUSGOV", "en") in by_doc["en"]


def test_the_seed_story_dates_itself_and_names_the_conflict(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["code", str(SEEDS), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    [story] = pd.read_parquet(tmp_path / "out" / "documents.parquet").to_dict("records")
    assert str(story["doc_date"]) == "2020-01-17" and story["doc_date_source"] == "inferred"
    assert "19 декабря" in story["warnings"] and "19 января" in story["warnings"] and "Saturday" in story["warnings"]
    events = pd.read_parquet(tmp_path / "out" / "events.parquet")
    talks = events[(events["cameo_code"].str[:2] == "04") & (events["date_text"] == "13 января")]
    assert (talks["event_date"].astype(str) == "2020-01-13").all() and len(talks) >= 1
