"""The one import path: read → map → validate → tag → score → store.

Used alike by the upload page, the CLI, the demo loader and the tests. One of the two
cxcore modules allowed to reach the database (through `db`'s named API).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import pandas as pd
from sqlalchemy import Engine

import db
from cxcore import fields as F
from cxcore import keys as install
from cxcore.filters import Filters
from cxcore.ingest import mapping as mapping_rules
from cxcore.ingest import protect, validate
from cxcore.ingest.reading import SurveyTable, read_survey
from cxcore.ingest.source_keys import number_repeats
from cxcore.settings import is_on, setting
from cxcore.text import categories, handoffs, learned_placement, retag, sentiment, tagging
from cxcore.text.journey_models import load_journey_model
from cxcore.text.taxonomy import Taxonomy, active_taxonomy_path, load_active_taxonomy, save_taxonomy
from cxcore.text.taxonomy_tables import removed_stages

__all__ = [
    "ImportPreview",
    "PreparedImport",
    "Progress",
    "apply_taxonomy",
    "category_choices",
    "placement_model",
    "import_file",
    "install_keys",
    "prepare_import",
    "preview_import",
    "load_demo",
    "read_and_map",
    "rejected_as_written",
    "rejections_table",
    "remember_mapping",
    "rescore_responses",
    "retag_responses",
    "store_import",
    "use_journey_model",
]

Progress = Callable[[float, str], None]
# A generous guess of a file's comments before reading it: survey exports spend well over
# this many bytes a row (a million rows of the benchmark file: 129 MB).
_BYTES_PER_COMMENT = 100


def _silent(_fraction: float, _message: str) -> None:
    pass


@dataclass(frozen=True)
class PreparedImport:
    """A file read, mapped, validated, tagged and scored: everything but storing."""

    filename: str
    table: SurveyTable
    mapping: dict[str, str]
    accepted: pd.DataFrame
    rejected: pd.DataFrame
    # What is stored of the rows, made once for the preview and the import (_protected).
    stored: dict[tuple[Any, ...], protect.Protected] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def rows(self) -> int:
        return len(self.accepted) + len(self.rejected)


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, before anything is stored."""

    rows: int
    to_import: int
    rejected: int
    duplicates: int
    rejections: pd.DataFrame


def read_and_map(
    data: bytes,
    filename: str,
    *,
    engine: Engine | None = None,
    sheet: str | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> tuple[SurveyTable, dict[str, str]]:
    """Read a file and suggest its mapping (a mapping confirmed before for these headers wins)."""
    if max_bytes is None:
        max_bytes = int(float(setting("max_file_mb")) * 1024 * 1024)
    if max_rows is None:
        max_rows = int(setting("max_rows"))
    table = read_survey(data, filename, sheet=sheet, max_bytes=max_bytes, max_rows=max_rows)
    remembered = None
    if engine is not None:
        signature = mapping_rules.header_signature(list(table.frame.columns))
        remembered = db.saved_mapping(engine, signature)
    return table, dict(remembered) if remembered else mapping_rules.suggest_mapping(table)


def prepare_import(
    table: SurveyTable,
    mapping: dict[str, str],
    *,
    filename: str,
    survey: str | None = None,
    survey_stage: str | None = None,
    taxonomy: Taxonomy | None = None,
    categories_placed: categories.Placements | None = None,
    progress: Progress = _silent,
) -> PreparedImport:
    """Map, validate, tag and score a table that has been read.

    `categories_placed`: the stage and touchpoint the lead confirmed for values of the
    file's category column (see cxcore/text/categories.py).
    """
    sentiment.start_workers_early(len(table.frame))  # at most one comment a row
    # The comments' tone needs only their text, which mapping leaves as read: worker
    # processes score it while this one maps, checks and tags the rows (a large file; a
    # small one is scored below, as before). Started before mapping, they are done sooner
    # and may take a language of the learning below off this process.
    ahead = sentiment.score_ahead(
        mapping_rules.mapped_column(table, mapping, F.COMMENT),
        lambda f: progress(0.15 + 0.2 * f, "Reading each comment's language and tone"),
    )
    with ahead:
        progress(0.25, "Mapping columns")
        raw = mapping_rules.apply_mapping(table, mapping)
        progress(0.3, "Checking scores and dates")
        accepted, rejected = validate.split_rows(
            raw, timezone=table.timezone, default_timezone=setting("timezone")
        )
        del raw  # the mapped text of every row: not needed past here, and large
        if survey:
            accepted[F.SURVEY] = accepted[F.SURVEY].fillna(survey)
        progress(0.4, "Placing responses on the journey")
        given = {F.STAGE_GIVEN: accepted[F.STAGE], F.TOUCHPOINT_GIVEN: accepted[F.TOUCHPOINT]}
        taxonomy = taxonomy or load_active_taxonomy()
        accepted = tagging.tag_responses(accepted, taxonomy, survey_stage)
        accepted = _place_by_category(accepted, mapping, categories_placed)
        accepted = accepted.assign(**given)  # the file's own words, after the tags (no join copy)
        accepted[F.HANDOFF_WORDS] = handoffs.handoff_words(accepted[F.COMMENT])
        progress(0.55, "Scoring comments")
        accepted = sentiment.score_responses(
            accepted, lambda f, m: progress(0.55 + 0.15 * f, m), ahead=ahead
        )
    return PreparedImport(filename, table, mapping, accepted, rejected)


def _place_by_category(
    accepted: pd.DataFrame, mapping: dict[str, str], placed: categories.Placements | None
) -> pd.DataFrame:
    """Tagged rows where the confirmed category values speak (the value is in `extra`); a
    file without a category column offers its team column's values instead (Zendesk's
    "Group": the team that had the ticket says where the customer was)."""
    if not placed:
        return accepted
    column = next((c for c, f in mapping.items() if f == F.CATEGORY), None)
    if column is not None:
        values = pd.Series(
            [extra.get(column) for extra in accepted[F.EXTRA]], index=accepted.index, dtype=object
        )
    elif F.TEAM in accepted:
        values = accepted[F.TEAM].astype(object)
    else:
        return accepted
    return categories.place_by_category(accepted, values, placed)


def category_choices(
    table: SurveyTable, mapping: dict[str, str], engine: Engine | None, taxonomy: Taxonomy
) -> pd.DataFrame | None:
    """The lead's table for the file's category column (value, n, stage, touchpoint), with
    the choices remembered for these headers; None when no column is mapped to category
    (or, without one, to team)."""
    column = mapping_rules.mapped_column(table, mapping, F.CATEGORY)
    if column is None:
        column = mapping_rules.mapped_column(table, mapping, F.TEAM)
    if column is None:
        return None
    remembered = saved_categories(engine, table) if engine is not None else None
    return categories.category_table(column, taxonomy, remembered)


def saved_categories(engine: Engine, table: SurveyTable) -> categories.Placements | None:
    """The category values placed for earlier files with this file's headers, if any."""
    signature = mapping_rules.header_signature(list(table.frame.columns))
    return db.saved_category_mapping(engine, signature)


def placement_model(engine: Engine) -> learned_placement.PlacementModel:
    """The text model trained on this database's hand placements (fitted now, never stored)."""
    return learned_placement.fit_placement(db.manual_placements(engine))


def rejections_table(rejected: pd.DataFrame) -> pd.DataFrame:
    """Rejected rows as a user downloads them: row, reason, then the row's own values."""
    values = pd.DataFrame(list(rejected["raw"]), index=rejected.index)
    table = pd.DataFrame({"row": rejected[F.ROW_NUMBER], "reason": rejected["reason"]})
    return pd.concat([table, values.drop(columns=["row", "reason"], errors="ignore")], axis=1)


def rejected_as_written(rejections: pd.DataFrame, prepared: PreparedImport) -> pd.DataFrame:
    """A stored import's rejections table with its customer ids as the file wrote them."""
    return protect.rejected_ids_as_written(rejections, prepared.rejected, prepared.mapping)


def preview_import(
    prepared: PreparedImport, engine: Engine, keys: install.InstallKeys | None = None
) -> ImportPreview:
    """Counts of what storing `prepared` would do, duplicates included."""
    keys = _protected(prepared, keys or install_keys(engine)).columns[F.SOURCE_KEY]
    first_in_file = keys.drop_duplicates()
    stored = db.existing_source_keys(engine, first_in_file)
    to_import = int((~first_in_file.isin(stored)).sum())
    return ImportPreview(
        rows=prepared.rows,
        to_import=to_import,
        rejected=len(prepared.rejected),
        duplicates=len(keys) - to_import,
        rejections=prepared.rejected,
    )


def import_file(
    data: bytes,
    filename: str,
    *,
    engine: Engine,
    survey: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    survey_stage: str | None = None,
    taxonomy: Taxonomy | None = None,
    max_bytes: int | None = None,
    remember: bool = False,
    categories_placed: categories.Placements | None = None,
    progress: Progress = _silent,
    user: str = "local",
    keys: install.InstallKeys | None = None,
) -> db.ImportSummary:
    """Import one survey file end to end; raises SurveyFileError if it cannot be read.

    Category values are placed as `categories_placed` says, else as confirmed before for
    files with these headers; values nobody placed count for nothing.
    """
    keys = keys or install_keys(engine)  # before any work: a missing key is refused at once
    progress(0.0, "Reading file")
    sentiment.start_workers_early(len(data) // _BYTES_PER_COMMENT)
    table, suggested = read_and_map(data, filename, engine=engine, sheet=sheet, max_bytes=max_bytes)
    chosen = mapping or suggested
    if categories_placed is None and F.CATEGORY in chosen.values():
        categories_placed = saved_categories(engine, table)
    prepared = prepare_import(
        table,
        chosen,
        filename=filename,
        survey=survey,
        survey_stage=survey_stage,
        taxonomy=taxonomy,
        categories_placed=categories_placed,
        progress=progress,
    )
    # The file's cells as read are in the prepared rows now: only the headers are kept (a
    # million rows' text was held to the end of storing, at the memory peak).
    table = replace(table, frame=table.frame.iloc[:0].copy())
    prepared = replace(prepared, table=table)
    if remember:
        remember_mapping(engine, table, chosen, categories_placed)
    return store_import(
        prepared,
        engine,
        survey=survey,
        survey_stage=survey_stage,
        progress=progress,
        user=user,
        keys=keys,
    )


def remember_mapping(
    engine: Engine,
    table: SurveyTable,
    mapping: dict[str, str],
    categories_placed: categories.Placements | None = None,
) -> None:
    """Remember a confirmed mapping (and the category values placed) for later files with
    the same headers."""
    signature = mapping_rules.header_signature(list(table.frame.columns))
    db.remember_mapping(engine, signature, mapping)
    if categories_placed is not None:
        db.remember_category_mapping(engine, signature, dict(categories_placed))


def store_import(
    prepared: PreparedImport,
    engine: Engine,
    *,
    survey: str | None = None,
    survey_stage: str | None = None,
    progress: Progress = _silent,
    user: str = "local",
    keys: install.InstallKeys | None = None,
) -> db.ImportSummary:
    """Store a prepared import in one transaction, audited as `user`'s.

    What the rules left unassigned is placed by the model learned from this database's
    hand placements, trained now, where it is confident (source `learned`). `keys`: the
    install's (`install_keys`), found now when not given.
    """
    keys = keys or install_keys(engine)
    progress(0.68, "Placing with what was learned from your placements")
    learned = learned_placement.place_learned(prepared.accepted, placement_model(engine))
    progress(0.7, "Protecting personal data")
    stored = _protected(prepared, keys)
    accepted, rejected = learned.assign(**stored.columns), stored.rejected
    return db.save_import(
        engine,
        filename=prepared.filename,
        survey=survey,
        layout=prepared.table.layout,
        encoding=prepared.table.encoding,
        mapping=prepared.mapping,
        accepted=accepted,
        rejected=rejected,
        survey_stage=survey_stage,
        progress=lambda f, m: progress(0.7 + 0.3 * f, m),
        user=user,
        sealed_ids=stored.sealed_ids,
        notices=prepared.table.notices,
    )


def _protected(prepared: PreparedImport, keys: install.InstallKeys) -> protect.Protected:
    """What is stored of `prepared` under the settings now, made once (see protect.py)."""
    redact, pseudonymise = is_on("redact_pii"), is_on("hash_customer_ids")
    cache_key = (keys.secret, redact, pseudonymise)
    if cache_key not in prepared.stored:
        prepared.stored.clear()
        prepared.stored[cache_key] = protect.protect_rows(
            prepared.accepted,
            prepared.rejected,
            prepared.mapping,
            keys,
            redact=redact,
            pseudonymise=pseudonymise,
        )
    return prepared.stored[cache_key]


_KEYS: dict[tuple[str, ...], install.InstallKeys] = {}


def install_keys(
    engine: Engine, given: str | None = None, progress: Progress = _silent
) -> install.InstallKeys:
    """The install's keys (see cxcore/keys.py; `given`: from Streamlit's secrets), once per
    process. The first start after the upgrade moves the key an older version kept in the
    database outside it, and recomputes the duplicate keys from the stored rows (one
    transaction, with progress). Raises keys.KeysMissing saying what to set."""
    url = engine.url.render_as_string(hide_password=False)
    where = install.key_file_path(url)
    cache_key = (url, given or "", setting("secret_key"), str(where))
    if cache_key in _KEYS:
        return _KEYS[cache_key]
    legacy = db.legacy_secret(engine, "customer_id")
    keys = install.find_keys(given, where, legacy=legacy)
    if legacy is not None:
        db.drop_legacy_secret(engine, "customer_id")
    if not db.upgrade_done(engine, db.KEYED_SOURCE_KEYS):
        secret = keys.duplicate
        db.rewrite_source_keys(
            engine,
            partial(protect.key_stored_rows, secret=secret),
            partial(number_repeats, secret=secret),
            progress,
        )
    _KEYS[cache_key] = keys
    return keys


def load_demo(
    engine: Engine, *, rows: int = 1500, if_empty: bool = False, progress: Progress = _silent
) -> db.ImportSummary | None:
    """Import the generated demo survey (skipped when `if_empty` and responses exist)."""
    from cxcore.demo import demo_csv_bytes

    if if_empty and db.data_version(engine).split(":")[1] != "0":
        return None
    return import_file(
        demo_csv_bytes(rows=rows),
        "demo-survey.csv",
        engine=engine,
        survey="Demo survey",
        progress=progress,
    )


def rescore_responses(engine: Engine, *, progress: Progress = _silent, user: str = "local") -> int:
    """Score every stored comment again (after the analyzer or a lexicon changed).

    Each import is scored on its own, as at import time, so the text model still learns
    only from that survey's scores. Returns how many responses were re-scored.
    """
    imports = db.list_imports(engine)["id"].tolist()
    done = 0
    for position, import_id in enumerate(imports):
        progress(position / max(len(imports), 1), f"Scoring import {import_id}")
        responses = db.responses_frame(
            engine, Filters(import_ids=(int(import_id),)), columns=["id", F.COMMENT, F.NPS, F.CSAT]
        )
        if responses.empty:
            continue
        scored = sentiment.score_responses(responses)
        done += db.update_sentiment(engine, scored, user=user, target=f"import {import_id}")
    progress(1.0, "Re-scored")
    return done


def apply_taxonomy(
    engine: Engine,
    taxonomy: Taxonomy,
    *,
    moves: dict[str, str] | None = None,
    progress: Progress = _silent,
    user: str = "local",
) -> db.RetagSummary:
    """Make `taxonomy` the one in use: move removed stages' responses, save it, re-tag all.

    `moves` maps a removed stage to where its responses go (a stage key or "unassigned").
    """
    for from_key, to_key in (moves or {}).items():
        db.move_stage(engine, from_key, to_key, user=user)
    path = active_taxonomy_path()
    save_taxonomy(taxonomy, path)
    details = {"file": str(path), "stages": len(taxonomy.stage_keys())}
    details |= {"touchpoints": len(taxonomy.touchpoint_keys()), "moves": dict(moves or {})}
    return retag_responses(engine, taxonomy, progress=progress, user=user, details=details)


def use_journey_model(
    engine: Engine, key: str, *, progress: Progress = _silent, user: str = "local"
) -> db.RetagSummary:
    """Make the shipped journey model `key` the one in use and re-tag (as `apply_taxonomy`).

    Responses on a stage the new model lacks go back to the rules, even if placed by hand:
    that stage no longer exists. Hand placements on stages both models share stay.
    """
    model = load_journey_model(key)
    held = db.stage_summary(engine).set_index("stage")["n"]
    gone = removed_stages(load_active_taxonomy(), model)
    moves = {stage: F.UNASSIGNED for stage in gone if held.get(stage, 0)}
    return apply_taxonomy(engine, model, moves=moves, progress=progress, user=user)


def retag_responses(
    engine: Engine,
    taxonomy: Taxonomy,
    progress: Progress | None = None,
    *,
    user: str = "local",
    details: dict[str, Any] | None = None,
) -> db.RetagSummary:
    """Place every stored response again with `taxonomy` (hand-placed ones stay), audited.

    Category tags stay; the model learned from the hand placements is trained again and
    places what is left unassigned where it is confident.
    """
    model = placement_model(engine)
    place = partial(_place_stored, taxonomy=taxonomy, model=model)
    learned = {"learned_from": [m.examples for m in model.models()]}
    return db.rewrite_tags(engine, place, progress, user=user, details=(details or {}) | learned)


def _place_stored(
    stored: pd.DataFrame, taxonomy: Taxonomy, model: learned_placement.PlacementModel
) -> pd.DataFrame:
    """New tags of stored rows: the journey model's, category tags kept, then the learned."""
    placed = categories.keep_category_tags(stored, retag.place_stored(stored, taxonomy))
    placed = placed.assign(**{F.COMMENT: stored[F.COMMENT]})
    return learned_placement.place_learned(placed, model)[retag.TAGS]
