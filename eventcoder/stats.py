"""`eventcoder stats OUTPUT`: the summary a user reads after a rebuild, and a chart of events per month."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from eventcoder.dataset import TABLE_FILES, read_table

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {
    "verbal cooperation": "#9ecae1",
    "material cooperation": "#3182bd",
    "verbal conflict": "#fdae6b",
    "material conflict": "#d62728",
}


def _table(counts: pd.Series, title: str, limit: int | None = None) -> list[str]:
    lines = [title]
    shown = counts.head(limit) if limit else counts
    width = max((len(str(k)) for k in shown.index), default=0)
    lines += [f"  {key!s:<{width}}  {value:>7}" for key, value in shown.items()]
    if limit and len(counts) > limit:
        lines.append(f"  … and {len(counts) - limit} more")
    return [*lines, ""]


def summary(out: Path, top: int = 10) -> list[str]:
    events = read_table(out / TABLE_FILES["events"])
    documents = read_table(out / TABLE_FILES["documents"])
    rejects = read_table(out / TABLE_FILES["rejects"])
    unique = events.drop_duplicates("event_group") if len(events) else events
    lines = [
        f"{len(documents)} stories, {len(events)} event reports ({len(unique)} unique events), "
        f"{len(rejects)} rejected rows",
        "",
    ]
    lines += _table(documents["status"].astype(str).value_counts(), "stories by status")
    if len(events) == 0:
        return lines
    (
        events["cameo_root"].astype(str)
        + " "
        + events["event_label"].astype(str).where(events["cameo_code"].astype(str).str.len() == 2, "")
    )
    lines += _table(events["cameo_root"].astype(str).value_counts().sort_index(), "events by CAMEO root")
    quad = events["quad_class"].astype(int).map(lambda q: f"{q} {QUAD_CLASSES.get(q, '?')}")
    lines += _table(quad.value_counts().sort_index(), "events by quad class")
    actors = pd.concat([events["source_actor"], events["target_actor"].dropna()]).astype(str)
    lines += _table(actors.value_counts(), f"top {top} actors", top)
    dyads = events["source_actor"].astype(str) + " → " + events["target_actor"].astype(str).replace("<NA>", "-")
    lines += _table(dyads.value_counts(), f"top {top} dyads", top)
    months = pd.to_datetime(events["event_date"].astype(str), errors="coerce").dt.strftime("%Y-%m").fillna("no date")
    lines += _table(months.value_counts().sort_index(), "events per month")
    return lines


def chart(out: Path, path: Path) -> None:
    """A PNG of events per month, stacked by quad class."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    events = read_table(out / TABLE_FILES["events"])
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(events["event_date"].astype(str), errors="coerce").dt.to_period("M"),
            "quad": events["quad_class"].astype(int).map(lambda q: QUAD_CLASSES.get(q, str(q))),
        }
    ).dropna()
    table = frame.groupby(["month", "quad"]).size().unstack(fill_value=0).sort_index()
    order = [name for name in QUAD_CLASSES.values() if name in table.columns]
    figure, axis = plt.subplots(figsize=(10, 4.5))
    if len(table):
        table = table[order]
        table.index = table.index.astype(str)
        colours = [QUAD_COLOURS[name] for name in order]
        table.plot(kind="bar", stacked=True, ax=axis, width=0.85, color=colours)
    axis.set_title("Events per month by quad class")
    axis.set_xlabel("month")
    axis.set_ylabel("events")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
