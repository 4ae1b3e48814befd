"""What is stored of an import: rows redacted and pseudonymised, keyed, ids sealed.

Done once per prepared import (the preview counts duplicates with the same keys the
import stores), after tagging and scoring have read the customer's own words. The
duplicate key is taken on what is stored (`source_keys`); each customer id is also
sealed (encrypted with a key kept outside the database) beside its pseudonym, so the
roles that follow up can call the customer back. See docs/privacy.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from cxcore import fields as F
from cxcore.ingest import privacy
from cxcore.ingest.source_keys import number_repeats, stored_row_keys
from cxcore.keys import InstallKeys, seal_ids

__all__ = ["Protected", "key_stored_rows", "protect_rows", "rejected_ids_as_written"]

# The columns protection may replace in the accepted rows.
_REPLACED = (*privacy.TEXT_FIELDS, F.EXTRA, F.CUSTOMER_ID, F.SOURCE_KEY)


@dataclass(frozen=True)
class Protected:
    """The accepted rows' replaced columns, the rejected rows as stored, the sealed ids."""

    columns: dict[str, pd.Series]
    rejected: pd.DataFrame
    sealed_ids: pd.DataFrame  # pseudonym, sealed (empty when ids are kept as written)


def protect_rows(
    accepted: pd.DataFrame,
    rejected: pd.DataFrame,
    mapping: dict[str, str],
    keys: InstallKeys,
    *,
    redact: bool,
    pseudonymise: bool,
) -> Protected:
    """Accepted and rejected rows as the settings say to store them, with their keys."""
    stored = accepted
    if redact:
        stored = privacy.redact_frame(stored)
    sealed = pd.DataFrame({"pseudonym": [], "sealed": []}, dtype=object)
    if pseudonymise and F.CUSTOMER_ID in stored:
        ids = stored[F.CUSTOMER_ID]
        written = [v for v in pd.unique(ids.dropna()) if isinstance(v, str) and v]
        pseudonyms = privacy.hash_each_id(written, keys.pseudonym)
        sealed = pd.DataFrame({"pseudonym": pseudonyms, "sealed": seal_ids(written, keys)})
        hashed = ids.map(dict(zip(written, pseudonyms, strict=True)))  # each id hashed once
        stored = stored.assign(**{F.CUSTOMER_ID: hashed.where(hashed.notna(), ids).astype(object)})
    survey_mapped = F.SURVEY in mapping.values()
    secret = keys.duplicate
    row_keys = number_repeats(stored_row_keys(stored, survey_mapped, secret), secret)
    stored = stored.assign(**{F.SOURCE_KEY: pd.Series(row_keys, index=stored.index, dtype=object)})
    columns = {c: stored[c] for c in _REPLACED if c in stored}
    if len(rejected) and (redact or pseudonymise):
        id_columns = {c for c, f in mapping.items() if f == F.CUSTOMER_ID and pseudonymise}

        def protect_raw(raw: dict[str, Any]) -> dict[str, Any]:
            out = privacy.redact_values(raw) if redact else dict(raw)
            for column in id_columns & out.keys():
                if isinstance(out[column], str) and out[column]:
                    out[column] = privacy.hash_customer_id(out[column].strip(), keys.pseudonym)
            return out

        rejected = rejected.assign(raw=[protect_raw(raw) for raw in rejected["raw"]])
    return Protected(columns, rejected, sealed)


def key_stored_rows(rows: pd.DataFrame, secret: bytes) -> list[str]:
    """Unnumbered keys of rows read back from the database, with their import's `mapping`
    (the upgrade from unkeyed keys recomputes them so)."""
    survey_mapped = [F.SURVEY in (m or {}).values() for m in rows["mapping"]]
    return stored_row_keys(rows, survey_mapped, secret)


def rejected_ids_as_written(
    table: pd.DataFrame, prepared_rejected: pd.DataFrame, mapping: dict[str, str]
) -> pd.DataFrame:
    """A rejections table (row, reason, the row's values, as stored) with its customer-id
    columns as the file wrote them, from the rejected rows held in memory (same order)."""
    id_columns = [c for c, f in mapping.items() if f == F.CUSTOMER_ID and c in table]
    if not id_columns or len(table) != len(prepared_rejected):
        return table
    raws = prepared_rejected["raw"].tolist()
    return table.assign(
        **{c: pd.Series([raw.get(c) for raw in raws], index=table.index) for c in id_columns}
    )
