"""The `eventcoder` command line: thin commands over the library."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from eventcoder import __version__

# One process, one core: numpy's BLAS threads must be capped before numpy is first imported (the heavy
# imports below are lazy), or parallel workers fight over the cores (pitfalls: 30-40x slower).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3


def _fail(message: str, code: int = EXIT_FAILED) -> None:
    click.echo(f"eventcoder: {message}", err=True)
    sys.exit(code)


def _parse_date(_context: click.Context, _parameter: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _load_codebook(path: Path | None):  # type: ignore[no-untyped-def]
    from eventcoder.codebook import CodebookError, default_codebook, load_codebook

    try:
        return load_codebook(path) if path else default_codebook()
    except CodebookError as error:
        _fail(f"unreadable codebook: {error}")


codebook_option = click.option(
    "--codebooks",
    "codebooks",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Codebook folder (default: the shipped codebooks/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
def main() -> None:
    """eventcoder turns news stories into a validated CAMEO event dataset (Parquet)."""


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Output folder for the Parquet snapshot.",
)
@click.option(
    "--date",
    "default_date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Story date for stories whose metadata and dateline give none.",
)
@click.option("--full", is_flag=True, help="Recode every story, ignoring the per-story cache.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a pool of processes on this machine; dask: a Dask cluster.",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to use (default: start a LocalCluster).")
@click.option("--quiet", is_flag=True, help="No progress bar; only the summary line.")
@codebook_option
def code(
    inputs: tuple[Path, ...],
    out: Path,
    default_date: dt.date | None,
    full: bool,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    quiet: bool,
    codebooks: Path | None,
) -> None:
    """Code stories (.txt and .jsonl files or folders; default: seeds/) into OUT.

    A rerun recodes only new or changed stories (all of them when the codebooks or the coder changed,
    or with --full), drops the rows of stories that are gone, and replaces the snapshot.

    Exit codes: 0 the run finished, even if some stories were rejected (they are listed in
    documents.parquet with the reason); 1 nothing sensible could be done (no inputs, unreadable
    codebook, output not writable); 2 usage error; 3 another run holds OUT.
    """
    from tqdm import tqdm

    from eventcoder.dataset import OutputError, StoryRows
    from eventcoder.documents import find_inputs
    from eventcoder.pipeline import OutputLockedError, code_corpus

    paths = list(inputs) or [Path("seeds")]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such input: {', '.join(missing)}")
    if not find_inputs(paths):
        _fail(f"no .txt or .jsonl stories in {', '.join(map(str, paths))}")
    codebook = _load_codebook(codebooks)
    tqdm.monitor_interval = 0  # no monitor thread: the local engine forks worker processes
    bar = tqdm(unit=" stories", disable=quiet or not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True)
    counts = {"sentences": 0, "events": 0}

    def progress(rows: StoryRows) -> None:
        counts["sentences"] += rows.document["sentence_count"]
        counts["events"] += len(rows.events)
        rate = counts["sentences"] / max(bar.format_dict["elapsed"], 1e-9)
        bar.set_postfix_str(f"{rate:.0f} sentences/s, {counts['events']} events", refresh=False)
        bar.update(1)

    try:
        summary = code_corpus(
            paths,
            out,
            default_date=default_date,
            codebook=codebook,
            full=full,
            workers=workers or os.cpu_count() or 1,
            engine=engine,
            scheduler=scheduler,
            progress=progress,
        )
    except OutputLockedError as error:
        bar.close()
        _fail(str(error), EXIT_LOCKED)
    except OutputError as error:
        bar.close()
        _fail(str(error))
    bar.close()
    click.echo(f"{summary.line()} → {out}/")


@main.command()
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List every missed and every spurious event.")
@codebook_option
def evaluate(gold_files: tuple[Path, ...], verbose: bool, codebooks: Path | None) -> None:
    """Code gold stories and print precision, recall, F1 and date accuracy (overall and per language)."""
    from eventcoder.evaluate import GoldError, evaluate, read_gold
    from eventcoder.pipeline import code_one

    codebook = _load_codebook(codebooks)
    try:
        stories = [story for path in gold_files for story in read_gold(path)]
    except GoldError as error:
        _fail(str(error))
    coded = {story.doc_id: code_one(story.document(), codebook) for story in stories}
    failed = [c.document for c in coded.values() if c.document.status != "ok"]
    for document in failed:
        click.echo(f"eventcoder: {document.doc_id} was not coded: {document.reason}", err=True)
    report = evaluate(stories, coded)
    if verbose:
        for result in report.stories:
            for gold in result.unmatched_gold:
                click.echo(
                    f"MISS {result.story.doc_id}: {'/'.join(gold.source)} → {'/'.join(gold.target)} "
                    f"{'/'.join(gold.roots)}  {gold.note}"
                )
            for event in result.unmatched_predicted:
                target = event.target.code if event.target else "-"
                click.echo(
                    f"FP   {result.story.doc_id}: {event.source.code} → {target} {event.cameo_code} "
                    f"«{event.trigger_text}» s{event.sentence_index} [{event.pattern_origin}]"
                )
            for event, gold in result.matched:
                if gold.date is not None and event.event_date != gold.date:
                    click.echo(
                        f"DATE {result.story.doc_id}: {event.cameo_code} «{event.trigger_text}» "
                        f"{event.event_date} ≠ {gold.date}"
                    )
    for line in report.lines():
        click.echo(line)
    if failed:
        _fail(f"{len(failed)} of {len(stories)} gold stories could not be coded; the scores above miss them")


@main.command()
@click.argument("text")
@click.option("--lang", type=click.Choice(["ru", "en"]), default=None, help="Language (default: detected).")
@click.option("--date", "day", callback=_parse_date, metavar="YYYY-MM-DD", help="The story's date.")
@codebook_option
def explain(text: str, lang: str | None, day: dt.date | None, codebooks: Path | None) -> None:
    """Show how TEXT is coded: tokens, actor and pattern matches (with codebook file:line), events."""
    from eventcoder.documents import detect_language
    from eventcoder.explain import explain as explain_text

    language = lang or detect_language(text) or "ru"
    codebook = _load_codebook(codebooks)
    try:
        lines = explain_text(text, language, day, codebook)
    except (KeyError, ValueError) as error:
        _fail(f"cannot explain {language} text: {error}")
    for line in lines:
        click.echo(line)


@main.command()
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path))
@codebook_option
def validate(output: Path, codebooks: Path | None) -> None:
    """Re-check a written dataset against the schema and the codebooks; exit 1 naming every bad row."""
    from eventcoder.validate import validate_output

    violations = validate_output(output, _load_codebook(codebooks))
    for violation in violations:
        click.echo(str(violation), err=True)
    if violations:
        _fail(f"{len(violations)} violation(s) in {output}")
    click.echo(f"{output}: valid")


@main.command()
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--top", default=10, show_default=True, help="How many actors and dyads to list.")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), help="Write a PNG of events per month.")
def stats(output: Path, top: int, chart: Path | None) -> None:
    """Summarise a dataset: stories by status, events by root and quad class, top actors and dyads,
    events per month."""
    from eventcoder.stats import chart as draw_chart
    from eventcoder.stats import summary

    try:
        lines = summary(output, top)
    except OSError as error:
        _fail(f"cannot read the dataset in {output}: {error}")
    for line in lines:
        click.echo(line)
    if chart is not None:
        draw_chart(output, chart)
        click.echo(f"chart written to {chart}")


@main.command()
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "export_format", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.option(
    "--to",
    "destination",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the exported files (default: OUTPUT/csv).",
)
def export(output: Path, export_format: str, destination: Path | None) -> None:
    """Export the tables (CSV with an R script that reads them with the declared column types)."""
    from eventcoder.export import export_csv

    for path in export_csv(output, destination or output / export_format):
        click.echo(str(path))


@main.group()
def codebook() -> None:
    """Work on the codebooks (codebooks/README.md tells how to add actors, people and patterns)."""


@codebook.command("check")
@codebook_option
def codebook_check(codebooks: Path | None) -> None:
    """Check the codebooks: codes exist, no duplicate or contradicting entries, every pattern and slot
    is valid, role dates are ordered. Exit 1 with file:line for every problem."""
    from eventcoder.codebook_check import check_codebook

    loaded = _load_codebook(codebooks)
    problems = check_codebook(loaded)
    for problem in problems:
        click.echo(str(problem), err=True)
    patterns = sum(len({id(p) for c in i.patterns.values() for p in c}) for i in loaded.languages.values())
    names = sum(len(i.actors) for i in loaded.languages.values())
    summary = (
        f"{len(loaded.events)} CAMEO codes, {names} actor names, {patterns} patterns "
        f"({', '.join(sorted(loaded.languages))}); codebook hash {loaded.content_hash}"
    )
    if problems:
        _fail(f"{len(problems)} problem(s) in the codebooks; {summary}")
    click.echo(f"codebooks OK: {summary}")


if __name__ == "__main__":
    main()
