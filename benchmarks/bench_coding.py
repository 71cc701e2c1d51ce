"""Throughput of the coder against the NLP floor, on stories built from the seed and the gold files.

    .venv/bin/python benchmarks/bench_coding.py [--stories N]

Prints sentences per second for the analyzer alone (natasha: segmentation, morphology, syntax, NER,
lemmas) and for the whole coder on the same stories, and their ratio. One process, one core.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(count: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for gold in sorted((ROOT / "tests" / "gold").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [texts[i % len(texts)] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    arguments = parser.parse_args()
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")

    import datetime as dt

    from eventcoder.analyzers import analyzer_for
    from eventcoder.codebook import default_codebook
    from eventcoder.coder import code_document
    from eventcoder.documents import Document, content_hash

    started = time.perf_counter()
    analyzer = analyzer_for("ru")
    codebook = default_codebook()
    load_seconds = time.perf_counter() - started
    texts = corpus(arguments.stories)
    analyzer.analyze(texts[0])  # warm up

    started = time.perf_counter()
    sentences = sum(len(analyzer.analyze(text)) for text in texts)
    nlp_seconds = time.perf_counter() - started

    started = time.perf_counter()
    events = 0
    for number, text in enumerate(texts):
        document = Document(
            f"s{number}",
            text,
            "<bench>",
            content_hash(text),
            language="ru",
            doc_date=dt.date(2020, 1, 17),
            date_source="metadata",
        )
        events += len(code_document(document, codebook, analyzer).events)
    coder_seconds = time.perf_counter() - started

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"models and codebooks loaded in {load_seconds:.1f}s")
    print(f"{len(texts)} stories, {sentences} sentences, {events} events")
    print(f"NLP only:   {sentences / nlp_seconds:7.0f} sentences/s")
    print(f"end to end: {sentences / coder_seconds:7.0f} sentences/s ({len(texts) / coder_seconds:.0f} stories/s)")
    print(f"ratio end-to-end / NLP: {nlp_seconds / coder_seconds:.2f}")


if __name__ == "__main__":
    main()
