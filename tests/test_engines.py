"""Every engine and worker count gives the same rows in the same order (issue: reproducible output)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from eventcoder.codebook import Codebook
from eventcoder.pipeline import code_corpus
from tests.conftest import GOLD


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    lines = (GOLD / "ru_stories.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    (folder / "stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_worker(corpus: Path, codebook: Codebook, tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("one")
    code_corpus([corpus], out, codebook=codebook, workers=1)
    return pd.read_parquet(out / "events.parquet")


@pytest.mark.parametrize(("engine", "workers"), [("local", 2), ("dask", 2)])
def test_same_rows_whatever_the_engine(
    engine: str,
    workers: int,
    corpus: Path,
    codebook: Codebook,
    one_worker: pd.DataFrame,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("eventcoder.pipeline.SMALL_CORPUS_BYTES", 0)  # start the workers even for 40 stories
    summary = code_corpus([corpus], tmp_path, codebook=codebook, workers=workers, engine=engine)
    assert summary.recoded == 40
    pd.testing.assert_frame_equal(one_worker, pd.read_parquet(tmp_path / "events.parquet"))
    assert len(one_worker) > 40
