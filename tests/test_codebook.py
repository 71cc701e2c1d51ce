"""The codebooks load, check clean, and name file and line for every problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eventcoder.actors import find_mentions
from eventcoder.analyzers import Analyzer
from eventcoder.cli import main
from eventcoder.codebook import PACKAGE_CODEBOOKS, Codebook, CodebookError, load_codebook
from eventcoder.codebook_check import check_codebook


@pytest.fixture
def codebook_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "codebooks"
    shutil.copytree(PACKAGE_CODEBOOKS, copy)
    return copy


def test_shipped_codebooks_check_clean(codebook: Codebook) -> None:
    assert check_codebook(codebook) == []
    result = CliRunner().invoke(main, ["codebook", "check"])
    assert result.exit_code == 0, result.output
    assert "codebooks OK" in result.output


def test_every_cameo_code_is_in_the_table(codebook: Codebook) -> None:
    assert len(codebook.events) == 311
    assert codebook.events["0256"].quad_class == 1 and codebook.events["190"].quad_class == 4
    roots = {code[:2] for code in codebook.events}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_every_three_digit_code_has_a_russian_pattern(codebook: Codebook) -> None:
    covered = {p.code[:3] for patterns in codebook.languages["ru"].patterns.values() for p in patterns}
    three_digit = {code for code, event in codebook.events.items() if event.level == 3}
    assert three_digit <= covered, sorted(three_digit - covered)


def test_broken_entries_are_named_with_file_and_line(codebook_copy: Path) -> None:
    with (codebook_copy / "patterns" / "ru" / "05_diplomatic_cooperation.yaml").open("a", encoding="utf-8") as f:
        f.write('- code: "999"\n  verb: [поблагодарить]\n  target: [obj, "куда то"]\n')
    with (codebook_copy / "actors" / "people.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "- name: Test Person\n  ru: [Путин]\n  roles:\n    - {code: RUSGOV, start: 2020-01-01, end: 2019-01-01}\n"
        )
    problems = [str(p) for p in check_codebook(load_codebook(codebook_copy))]
    assert any("05_diplomatic_cooperation.yaml:" in p and "'999'" in p for p in problems)
    assert any("slot 'куда то'" in p for p in problems)
    assert any("people.yaml:" in p and "ends (2019-01-01) before it starts" in p for p in problems)
    assert any("means Test Person here but Vladimir Putin" in p for p in problems)
    result = CliRunner().invoke(main, ["codebook", "check", "--codebooks", str(codebook_copy)])
    assert result.exit_code == 1
    assert "problem(s) in the codebooks" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('- code: "010"\n  verb: [заявить\n', "not valid YAML"),
        ('- code: "010"\n  verb: заявить\n  targets: [obj]\n', "unknown key 'targets'"),
        ("- code: 10\n  verb: заявить\n", "must be a quoted string"),
        ('- code: "010"\n', "exactly one of `verb` or `noun`"),
        ("- !!python/object/apply:os.system [echo hacked]\n", "not valid YAML"),
        ("x: " + "[" * 40 + "]" * 40 + "\n", "nested deeper than"),
    ],
)
def test_unusable_files_fail_with_a_clear_error(codebook_copy: Path, content: str, message: str) -> None:
    path = codebook_copy / "patterns" / "ru" / "01_statement.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CodebookError, match=message) as error:
        load_codebook(codebook_copy)
    assert "01_statement.yaml" in str(error.value)


def test_huge_file_is_refused(codebook_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventcoder.codebook.MAX_CODEBOOK_BYTES", 1000)
    with pytest.raises(CodebookError, match="bytes is more than"):
        load_codebook(codebook_copy)


def test_every_organisation_name_resolves(codebook: Codebook, ru_analyzer: Analyzer) -> None:
    entries = yaml.safe_load((PACKAGE_CODEBOOKS / "actors" / "organisations.yaml").read_text(encoding="utf-8"))
    index = codebook.languages["ru"]
    missing = []
    for entry in entries:
        for name in entry.get("ru") or []:
            codes = {e.code for s in ru_analyzer.analyze(name) for m in find_mentions(s, index) for e in m.entries}
            if entry["code"] not in codes:
                missing.append((entry["code"], name))
    assert not missing, missing


def test_content_hash_changes_with_the_codebooks(codebook: Codebook, codebook_copy: Path) -> None:
    with (codebook_copy / "actors" / "sectors.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# a comment changes the file\n")
    assert load_codebook(codebook_copy).content_hash != codebook.content_hash


def test_a_refusal_code_must_be_a_cameo_code(codebook_copy: Path) -> None:
    (codebook_copy / "cameo" / "refusals.yaml").write_text('"08": "999"\n', encoding="utf-8")
    with pytest.raises(CodebookError, match=r"refusals.yaml: 08: 999 is not a CAMEO event code"):
        load_codebook(codebook_copy)
