"""eventcoder's throughput, scaling and memory, on a corpus built from the seed and the gold stories.

    .venv/bin/python benchmarks/bench_coding.py [--stories 400] [--large 2000]

Prints, for Russian and English stories mixed: the NLP-only floor (the analyzers alone) and the whole
coder on the same stories, one process; `eventcoder code` end to end with 1 and 2 workers and on
Dask; the peak memory (RSS) of a run at two corpus sizes; and the time of an incremental rebuild of an
unchanged corpus. The table in the README comes from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTCODER = [sys.executable, "-m", "eventcoder"]


def stories() -> list[dict[str, str]]:
    found = [
        {"text": p.read_text(encoding="utf-8"), "date": "2020-01-17"} for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    for gold in sorted((ROOT / "tests" / "gold").glob("*.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found.append({"text": record["text"], "date": record.get("date") or "2020-01-17"})
    return found


def write_corpus(folder: Path, count: int) -> Path:
    """`count` stories cycling through the seed and gold texts, each with its own id."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = stories()
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for number in range(count):
            story = pool[number % len(pool)]
            handle.write(
                json.dumps({"id": f"s{number:06d}", "text": story["text"], "date": story["date"]}, ensure_ascii=False)
                + "\n"
            )
    return folder


def run(arguments: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one `eventcoder` command in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(EVENTCODER + arguments, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024


def nlp_floor_and_coder(texts: list[dict[str, str]]) -> tuple[int, float, float, int]:
    """Sentences, NLP-only seconds and coder seconds on the same stories, in this process."""
    import datetime as dt

    from eventcoder.analyzers import analyzer_for
    from eventcoder.codebook import default_codebook
    from eventcoder.coder import code_document
    from eventcoder.documents import Document, detect_language

    codebook = default_codebook()
    languages = [detect_language(t["text"]) or "ru" for t in texts]
    for language in set(languages):
        analyzer_for(language).analyze("warm up.")
    started = time.perf_counter()
    sentences = sum(len(analyzer_for(lang).analyze(t["text"])) for t, lang in zip(texts, languages, strict=True))
    nlp = time.perf_counter() - started
    started = time.perf_counter()
    events = 0
    for number, (story, language) in enumerate(zip(texts, languages, strict=True)):
        document = Document.from_text(
            story["text"], doc_id=f"s{number}", language=language, day=dt.date.fromisoformat(story["date"])
        )
        events += len(code_document(document, codebook, analyzer_for(language)).events)
    coder_seconds = time.perf_counter() - started
    # the share of coding spent on dates: candidate spans first, dateparser only on those spans
    from eventcoder.dates import find_time_expressions, resolve_expression

    analysed = [
        (analyzer_for(lang).analyze(t["text"]), lang, dt.date.fromisoformat(t["date"]))
        for t, lang in zip(texts[:200], languages[:200], strict=True)
    ]
    started = time.perf_counter()
    for sentences_of_story, language, day in analysed:
        for sentence in sentences_of_story:
            for expression in find_time_expressions(sentence.text, language):
                resolve_expression(expression, language, day, "past")
    date_seconds = (time.perf_counter() - started) * len(texts) / min(len(texts), 200)
    print(f"| dates (find spans, resolve them) | {100 * date_seconds / coder_seconds:.1f}% of coding time |")
    return sentences, nlp, coder_seconds, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=400)
    parser.add_argument("--large", type=int, default=2000, help="the larger corpus for the memory check")
    arguments = parser.parse_args()
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    pool = stories()
    texts = [pool[i % len(pool)] for i in range(arguments.stories)]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    sentences, nlp, coder, events = nlp_floor_and_coder(texts)
    print(f"{len(texts)} stories (Russian and English), {sentences} sentences, {events} events")
    print(f"| NLP only (analyzers), 1 process | {sentences / nlp:.0f} sentences/s |")
    print(f"| whole coder, 1 process | {sentences / coder:.0f} sentences/s ({len(texts) / coder:.0f} stories/s) |")
    print(f"| coder / NLP-only throughput | {nlp / coder:.2f} |")
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        corpus = write_corpus(base / "corpus", arguments.stories)
        results = {}
        for label, extra in (
            ("1 worker", ["--workers", "1"]),
            ("2 workers", ["--workers", "2"]),
            ("Dask, 2 workers", ["--workers", "2", "--engine", "dask"]),
        ):
            seconds, _ = run(
                ["code", str(corpus), "--out", str(base / label.replace(" ", "_")), "--quiet", "--full", *extra]
            )
            results[label] = seconds
            print(
                f"| eventcoder code, {label} | {seconds:.1f} s, {arguments.stories / seconds:.0f} stories/s, "
                f"{sentences / seconds:.0f} sentences/s |"
            )
        print(f"| 2 workers / 1 worker speed-up | {results['1 worker'] / results['2 workers']:.2f}x |")
        rebuild, _ = run(["code", str(corpus), "--out", str(base / "1_worker"), "--quiet", "--workers", "1"])
        print(
            f"| incremental rebuild, unchanged corpus | {rebuild:.1f} s "
            f"({results['1 worker'] / rebuild:.1f}x faster than the first run) |"
        )
        for size in (arguments.stories, arguments.large):
            folder = write_corpus(base / f"memory_{size}", size)
            script = (
                "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
                "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            )
            output = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    script,
                    *EVENTCODER,
                    "code",
                    str(folder),
                    "--out",
                    str(base / f"m{size}"),
                    "--quiet",
                    "--workers",
                    "1",
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            print(f"| peak RSS, {size} stories, 1 worker | {int(output.split()[-1]) // 1024} MB |")


if __name__ == "__main__":
    main()
