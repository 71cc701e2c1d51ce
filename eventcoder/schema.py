"""The output tables, declared once as pandera models.

Writers, the data dictionary and `validate` all read these models: column order, Arrow types,
meanings, allowed values and checks live here and nowhere else. Columns are pandas Arrow dtypes so
that what is validated is exactly what is written to Parquet (dates as `date32`, codes as strings,
counts as `int32`: readable by pandas and by R's arrow without surprises).
"""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera.typing import Series

from eventcoder.codebook import ACTOR_CODE_PATTERN
from eventcoder.event_types import ACLED_TYPES, PLOVER_TYPES

SCHEMA_VERSION = "1.0"

String = Annotated[pd.ArrowDtype, pyarrow.string()]
Date = Annotated[pd.ArrowDtype, pyarrow.date32()]
Int8 = Annotated[pd.ArrowDtype, pyarrow.int8()]
Int32 = Annotated[pd.ArrowDtype, pyarrow.int32()]
Float32 = Annotated[pd.ArrowDtype, pyarrow.float32()]
Bool = Annotated[pd.ArrowDtype, pyarrow.bool_()]
Float64 = Annotated[pd.ArrowDtype, pyarrow.float64()]

ACTOR_CODE = ACTOR_CODE_PATTERN
COUNTRY_CODE = r"^[A-Z]{3}$"
PRECISIONS = ["day", "week", "month", "year"]
DATE_SOURCES = ["sentence", "document", "inferred"]
MODALITIES = ["asserted", "negated", "planned", "conditional", "background"]
DOCUMENT_STATUSES = ["coded", "empty", "rejected", "error"]


def _field(description: str, example: str, *, categorical: bool = False, **checks: Any) -> Any:
    """A column with its meaning and an example for the data dictionary; `categorical` columns are
    written dictionary-encoded (pandas `category`, R `factor`)."""
    return pa.Field(description=description, metadata={"example": example, "categorical": categorical}, **checks)


class EventsModel(pa.DataFrameModel):
    """`events.parquet`: one row per coded event."""

    event_id: Series[String] = _field(
        "Deterministic id: the same input and codebooks give the same id.",
        "3f1c2a9b7d0e4c11",
        unique=True,
        str_matches=r"^[0-9a-f]{16}$",
    )
    doc_id: Series[String] = _field("The story the event was coded from.", "000_ca5cc5e31bcebd9f")
    sentence_index: Series[Int32] = _field("0-based sentence number in the story.", "3", ge=0)
    sentence_text: Series[String] = _field("The sentence, as in the story.", "Пресс-служба Кремля сообщила …")
    event_date: Series[Date] = _field(
        "When the event happened (not when it was reported); for week, month "
        "and year precision the period's first day.",
        "2020-01-17",
        nullable=True,
    )
    date_precision: Series[String] = _field(
        "Precision of event_date.", "day", categorical=True, isin=PRECISIONS, nullable=True
    )
    date_source: Series[String] = _field(
        "Where event_date came from: a time expression in the sentence, the story's date, or inferred.",
        "sentence",
        categorical=True,
        isin=DATE_SOURCES,
        nullable=True,
    )
    date_text: Series[String] = _field(
        "The words that gave the date, when the sentence had them.", "13 января", nullable=True
    )
    source_actor: Series[String] = _field("CAMEO actor code of the source.", "RUSGOV", str_matches=ACTOR_CODE)
    source_name: Series[String] = _field(
        "The words that named the source in the sentence; empty for an attack whose perpetrator the text "
        "does not name, coded `UAF` (ACLED's unidentified armed group).",
        "Пресс-служба Кремля",
    )
    source_country: Series[String] = _field(
        "ISO 3166-1 alpha-3 country of the source; null for IGOs and unknowns.",
        "RUS",
        nullable=True,
        str_matches=COUNTRY_CODE,
    )
    source_agent: Series[String] = _field(
        "Sector code of the source (GOV, MIL, REB, …).",
        "GOV",
        categorical=True,
        nullable=True,
        str_matches=COUNTRY_CODE,
    )
    target_actor: Series[String] = _field(
        "CAMEO actor code of the target; null when there is none.", "DEUGOV", nullable=True, str_matches=ACTOR_CODE
    )
    target_name: Series[String] = _field("The words that named the target.", "канцлером ФРГ", nullable=True)
    target_country: Series[String] = _field(
        "ISO 3166-1 alpha-3 country of the target.", "DEU", nullable=True, str_matches=COUNTRY_CODE
    )
    target_agent: Series[String] = _field(
        "Sector code of the target.", "GOV", categorical=True, nullable=True, str_matches=COUNTRY_CODE
    )
    target_from_context: Series[Bool] = _field(
        "True when the sentence names no target and the target is the actor of the story's previous event "
        '(a reaction to it: "МИД назвал решение незаконным").',
        "false",
    )
    cameo_code: Series[String] = _field("Full CAMEO event code, leading zero kept.", "041", str_matches=r"^\d{2,4}$")
    cameo_root: Series[String] = _field("The code's first two digits.", "04", categorical=True, str_matches=r"^\d{2}$")
    event_label: Series[String] = _field("The CAMEO name of the code.", "Discuss by telephone")
    quad_class: Series[Int8] = _field(
        "1 verbal cooperation (roots 01–05), 2 material cooperation (06–08), "
        "3 verbal conflict (09–13), 4 material conflict (14–20).",
        "1",
        isin=[1, 2, 3, 4],
    )
    goldstein: Series[Float32] = _field("Goldstein scale value of the code (−10 … +10).", "1.0", ge=-10, le=10)
    trigger_text: Series[String] = _field("The word that carried the action.", "беседе")
    modality: Series[String] = _field(
        "asserted, negated, planned (future or intended), conditional, or background (a past event recalled).",
        "asserted",
        categorical=True,
        isin=MODALITIES,
    )
    language: Series[String] = _field(
        "ISO 639-1 language of the story.", "ru", categorical=True, str_matches=r"^[a-z]{2}$"
    )
    location_name: Series[String] = _field(
        "Where the event happened: the GeoNames name of the place the sentence names (or, at precision 3, "
        "the country code).",
        "Donetsk",
        nullable=True,
    )
    location_country: Series[String] = _field(
        "ISO 3166-1 alpha-3 country of the location.", "UKR", nullable=True, str_matches=COUNTRY_CODE
    )
    admin1: Series[String] = _field(
        "GeoNames first-level administrative division of the place (country code and division code).",
        "UA.05",
        nullable=True,
    )
    latitude: Series[Float64] = _field("Latitude of the location (WGS 84).", "48.023", nullable=True, ge=-90, le=90)
    longitude: Series[Float64] = _field("Longitude of the location (WGS 84).", "37.802", nullable=True, ge=-180, le=180)
    geo_precision: Series[Int8] = _field(
        "ACLED geo-precision: 1 the place itself, 2 near it or a region around it, or a name several "
        "countries share; 3 only the country (from the actors; coordinates of its capital).",
        "1",
        nullable=True,
        isin=[1, 2, 3],
    )
    fatalities: Series[Int32] = _field(
        "Deaths the text reports for a violent event; 0 only when it says nobody died; null when it does not say.",
        "12",
        nullable=True,
        ge=0,
    )
    acled_event_type: Series[String] = _field(
        "ACLED event type, from the CAMEO code and the actors (codebooks/event_types.yaml).",
        "Explosions/Remote violence",
        categorical=True,
        nullable=True,
        isin=list(ACLED_TYPES),
    )
    acled_sub_event_type: Series[String] = _field(
        "ACLED sub-event type.", "Air/drone strike", categorical=True, nullable=True
    )
    plover_type: Series[String] = _field(
        "PLOVER event type of the CAMEO code.", "ASSAULT", categorical=True, nullable=True, isin=list(PLOVER_TYPES)
    )
    event_group: Series[String] = _field(
        "Shared by every report of the same event (same event_date, source, target and code) across "
        "stories. Count unique events with one row per event_group.",
        "9b1c0e5d2a7f4e33",
        str_matches=r"^[0-9a-f]{16}$",
    )
    reports: Series[Int32] = _field("How many stories report this event_group.", "3", ge=1)
    pattern: Series[String] = _field(
        "The codebook pattern behind the event (file:line).", "codebooks/patterns/ru/04_consult.yaml:12"
    )

    @pa.dataframe_check(name="cameo_root is the code's first two digits")
    def _root_prefix(cls, frame: pd.DataFrame) -> pd.Series:  # noqa: N805 - pandera's signature
        return frame["cameo_code"].astype(str).str[:2] == frame["cameo_root"].astype(str)

    class Config:
        strict = True
        ordered = True


class DocumentsModel(pa.DataFrameModel):
    """`documents.parquet`: one row per input story, whatever became of it."""

    doc_id: Series[String] = _field(
        "The story's id (file stem, or `id` of a JSONL line).", "000_ca5cc5e31bcebd9f", unique=True
    )
    input_path: Series[String] = _field("The file it came from (with `:line` for JSONL).", "seeds/000.txt")
    language: Series[String] = _field("ISO 639-1 language, given or detected.", "ru", categorical=True, nullable=True)
    doc_date: Series[Date] = _field("The story's date.", "2020-01-17", nullable=True)
    doc_date_source: Series[String] = _field(
        "Where doc_date came from: metadata, dateline, option (--date), unknown.",
        "dateline",
        categorical=True,
        isin=["metadata", "dateline", "option", "inferred", "unknown"],
    )
    source: Series[String] = _field("The publisher, when given.", "TASS", nullable=True)
    url: Series[String] = _field("The story's address, when given.", "https://…", nullable=True)
    title: Series[String] = _field("The headline, when given.", "…", nullable=True)
    sentence_count: Series[Int32] = _field("Sentences analysed.", "17", ge=0)
    event_count: Series[Int32] = _field("Events coded (rows in events.parquet).", "12", ge=0)
    rejected_event_count: Series[Int32] = _field("Events that failed validation (rows in rejects.parquet).", "0", ge=0)
    status: Series[String] = _field(
        "coded, empty, rejected (unreadable or unusable input) or error (the coder failed; a bug).",
        "coded",
        categorical=True,
        isin=DOCUMENT_STATUSES,
    )
    reason: Series[String] = _field("Why a story was not coded, in words.", "the story has no text", nullable=True)
    warnings: Series[String] = _field(
        'Problems that did not stop coding, separated by " | ".', "decoded as cp1251, not UTF-8", nullable=True
    )
    content_hash: Series[String] = _field("SHA-256 prefix of the story's bytes.", "9c4e0f…")

    class Config:
        strict = True
        ordered = True


class RejectsModel(pa.DataFrameModel):
    """`rejects.parquet`: rows that failed validation, with the check that failed; never dropped."""

    table: Series[String] = _field("The table the row was meant for.", "events", categorical=True)
    doc_id: Series[String] = _field("The story.", "000_ca5cc5e31bcebd9f", nullable=True)
    row_id: Series[String] = _field("The row's id (event_id or doc_id).", "3f1c2a9b7d0e4c11", nullable=True)
    column: Series[String] = _field("The column that failed, when one did.", "cameo_code", nullable=True)
    check: Series[String] = _field("The check that failed.", "isin(codebook codes)")
    value: Series[String] = _field("The failing value, as text.", "999", nullable=True)
    row: Series[String] = _field("The whole row as JSON.", "{…}")

    class Config:
        strict = True
        ordered = True


TABLES: dict[str, type[pa.DataFrameModel]] = {
    "events": EventsModel,
    "documents": DocumentsModel,
    "rejects": RejectsModel,
}


def arrow_schema(model: type[pa.DataFrameModel], metadata: dict[str, str] | None = None) -> pyarrow.Schema:
    """The Parquet schema a model declares; categorical columns dictionary-encoded."""
    schema = model.to_schema()
    fields = []
    for name, column in schema.columns.items():
        arrow_type = column.dtype.type.pyarrow_dtype
        if (column.metadata or {}).get("categorical"):
            arrow_type = pyarrow.dictionary(pyarrow.int32(), arrow_type)
        fields.append(pyarrow.field(name, arrow_type, nullable=column.nullable))
    return pyarrow.schema(fields, metadata=metadata)


def empty_frame(model: type[pa.DataFrameModel]) -> pd.DataFrame:
    schema = model.to_schema()
    return pd.DataFrame({name: pd.Series([], dtype=column.dtype.type) for name, column in schema.columns.items()})
