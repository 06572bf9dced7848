"""`cograph load FILE --server URL`: read and check files locally, then send the records through the API.

The partner's machine needs no database password: records go to `upsertProjects` in batches with the key
in COGRAPH_KEY, under the server's rules (a partner writes only its own projects), and each record's
outcome comes back into the same report as a direct load.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any

from api.enums import ActivityStatus, OrganizationType, ParticipationRole, ThemeNotation
from loaders.project_fields import NARRATED, camel, property_fields
from loaders.records import ProjectRecord, Rejection
from loaders.sync import LoadOptions, LoadSummary, Progress, checked_records
from ontology.errors import CographError

__all__ = ["RemoteError", "load_remote"]

_MAX_BATCH = 500
_MAX_BODY = 700_000  # under the API's 1 MB body limit, with room for the query text
_TIMEOUT = 300.0
VIEWER = "{ viewer { account role } }"
UPSERT = """mutation($input: [ProjectInput!]!, $partner: String, $source: String) {
  upsertProjects(input: $input, partner: $partner, source: $source) { identifier status errors { field message } }
}"""


class RemoteError(CographError):
    """The server refused or could not be reached; the message is the server's sentence or says what to do."""


def _name(enum: type[Enum], value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return enum(value).name
    except ValueError:
        return None


def project_input(record: ProjectRecord) -> dict[str, Any]:
    """The record as the API's ProjectInput (enum values by their GraphQL names)."""

    def texts(narratives: Any) -> list[dict[str, Any]]:
        return [{"text": n.text, "language": n.lang or None} for n in narratives]

    def value(name: str) -> Any:
        found = getattr(record, name)
        if name in NARRATED.values():
            return texts(found)
        if name == "status":
            return _name(ActivityStatus, found)
        return found.isoformat() if isinstance(found, dt.date) else found

    # The project's own fields by their GraphQL names; the partner is the key's, never sent.
    return {
        **{camel(name): value(name) for name in property_fields() if name != "partner"},
        "participations": [
            {
                "role": _name(ParticipationRole, p.role),
                "organizationRef": p.org_ref,
                "organizationName": p.org_name,
                "organizationShortName": p.org_short_name,
                "organizationType": _name(OrganizationType, p.org_type),
            }
            for p in record.participations
        ],
        "countries": [{"iso2": c.iso2, "percentage": c.percentage} for c in record.countries],
        "regions": list(record.regions),
        "sectors": [{"code": s.code, "vocabulary": s.vocabulary} for s in record.sectors],
        "sdgTargets": list(record.sdg_targets),
        "themes": [name for name in (_name(ThemeNotation, t) for t in record.themes) if name],
        "crimeTypes": [name for name in (_name(ThemeNotation, t) for t in record.crime_types) if name],
    }


class Client:
    """POSTs GraphQL documents to URL/graphql with the key; server refusals become RemoteError."""

    def __init__(self, server: str, key: str) -> None:
        self.url = server.rstrip("/") + ("" if server.rstrip("/").endswith("/graphql") else "/graphql")
        self.key = key

    def __repr__(self) -> str:  # never the key
        return f"Client({self.url!r})"

    def post(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables or {}}).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {self.key}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            answer = _error_body(error)
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise RemoteError(
                f"the server {self.url} cannot be reached ({reason}); check --server."
            ) from None
        errors = answer.get("errors") or []
        if errors:
            first = errors[0]
            code = (first.get("extensions") or {}).get("code", "ERROR")
            raise RemoteError(f"the server refused ({code}): {first.get('message')}")
        return dict(answer.get("data") or {})


def _error_body(error: urllib.error.HTTPError) -> dict[str, Any]:
    try:
        found = json.loads(error.read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        found = None
    if isinstance(found, dict) and found.get("errors"):
        return found
    return {"errors": [{"message": f"HTTP {error.code} {error.reason}", "extensions": {"code": "HTTP"}}]}


def _batches(
    items: Iterator[tuple[Path, ProjectRecord | None, list[Rejection]]], summary: LoadSummary
) -> Iterator[list[tuple[ProjectRecord, dict[str, Any]]]]:
    batch: list[tuple[ProjectRecord, dict[str, Any]]] = []
    size = 0
    current: Path | None = None
    for path, record, rejections in items:
        if path != current:
            current = path
            summary.files += 1
        if rejections or record is None:
            summary.rejected += 1
            summary.rejections.extend(rejections)
            continue
        payload = project_input(record)
        weight = len(json.dumps(payload))
        if batch and (len(batch) >= _MAX_BATCH or size + weight > _MAX_BODY):
            yield batch
            batch, size = [], 0
        batch.append((record, payload))
        size += weight
    if batch:
        yield batch


def load_remote(
    server: str,
    key: str,
    paths: list[Path],
    options: LoadOptions,
    progress: Callable[[Progress], None] | None = None,
) -> LoadSummary:
    """Check the files locally and send their records to the server; the summary of what it did."""
    if not key.strip():
        raise RemoteError("--server needs your API key in COGRAPH_KEY (an administrator issues it).")
    if options.full_sync:
        raise RemoteError(
            "--full-sync is for direct loads only; withdraw projects through the API with withdrawProject."
        )
    client = Client(server, key.strip())
    viewer = client.post(VIEWER).get("viewer")
    if not viewer:
        raise RemoteError("the server does not know the key in COGRAPH_KEY; check it.")
    acting = options.partner if viewer["role"] == "ADMIN" else viewer["account"]
    if viewer["role"] == "ADMIN" and not acting:
        raise RemoteError("an administrator loads for a partner named explicitly; pass --partner ID.")
    if viewer["role"] == "PARTNER" and options.partner and options.partner != viewer["account"]:
        raise RemoteError(
            f"your account {viewer['account']!r} may load only its own projects; leave out --partner."
        )
    local = LoadOptions(format=options.format, partner=acting, country=options.country)
    started = time.monotonic()
    summary = LoadSummary()
    if options.strict:
        dry = LoadSummary()
        for _ in _batches(checked_records(paths, local), dry):
            pass
        if dry.rejected:
            dry.written = False
            dry.seconds = time.monotonic() - started
            return dry
    source = ", ".join(path.name for path in paths)
    for batch in _batches(checked_records(paths, local), summary):
        variables = {
            "input": [payload for _, payload in batch],
            "partner": acting if viewer["role"] == "ADMIN" else None,
            "source": source,
        }
        results = client.post(UPSERT, variables)["upsertProjects"]
        for (record, _), result in zip(batch, results, strict=True):
            _account(summary, record, result)
        if progress is not None:
            progress(Progress(source, summary.records, summary.rejected, time.monotonic() - started))
    summary.seconds = time.monotonic() - started
    return summary


def _account(summary: LoadSummary, record: ProjectRecord, result: dict[str, Any]) -> None:
    status = result["status"]
    if status == "CREATED":
        summary.loaded += 1
    elif status == "UPDATED":
        summary.updated += 1
    elif status == "UNCHANGED":
        summary.unchanged += 1
    else:
        summary.rejected += 1
        summary.rejections.extend(
            Rejection(record.source_file or "", record.line, record.identifier, e["field"], "", e["message"])
            for e in result["errors"] or [{"field": "record", "message": "was refused by the server"}]
        )
