"""Complaint records and agent feedback, kept with SQLAlchemy (SQLite or PostgreSQL).

The schema is owned by the Alembic migrations in ``triage/migrations``;
:func:`open_store` brings a database up to date before use.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.exc import IntegrityError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


def default_database_url() -> str:
    """``$TRIAGE_DATABASE_URL``, else the SQLite file the service uses by default."""
    return os.environ.get("TRIAGE_DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'triage.db'}"


metadata = sa.MetaData()

complaints = sa.Table(
    "complaints",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("channel", sa.String(64)),
    sa.Column("customer", sa.JSON),
    sa.Column("meta", sa.JSON),
    sa.Column("result", sa.JSON, nullable=False),
    sa.Column("category", sa.String(16), nullable=False, index=True),
    sa.Column("anger", sa.Integer, nullable=False, index=True),
    sa.Column("department", sa.String(64), nullable=False, index=True),
    sa.Column("needs_review", sa.Boolean, nullable=False, index=True),
    sa.Column("model_version", sa.String(64), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

feedback = sa.Table(
    "feedback",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("complaint_id", sa.String(128), sa.ForeignKey("complaints.id"), nullable=False, index=True),
    sa.Column("verdict", sa.String(16), nullable=False),  # accept | correct
    sa.Column("category", sa.String(16), nullable=False),
    sa.Column("secondary", sa.JSON, nullable=False),
    sa.Column("anger", sa.Integer, nullable=False),
    sa.Column("agent", sa.String(128)),
    sa.Column("comment", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


def now() -> datetime:
    return datetime.now(UTC)


def migrate(engine: sa.Engine) -> None:
    """Create or upgrade the schema to the latest migration."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str) -> Store:
    """Connect to ``url``, migrate, and return a :class:`Store`."""
    options = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": 30}
    engine = sa.create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return Store(engine)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _record(row) -> dict:
    return {
        "id": row.id,
        "text": row.text,
        "channel": row.channel,
        "customer": row.customer,
        "metadata": row.meta,
        "result": row.result,
        "created_at": row.created_at.isoformat(),
    }


class Store:
    """Reads and writes complaint records and feedback."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def save(self, item: dict, answer: dict) -> tuple[dict, bool]:
        """Store one triaged complaint; return (stored answer, created).

        If ``item['id']`` is already on record, nothing is written and the
        recorded answer comes back with ``created`` False.
        """
        record_id = str(item["id"]) if item.get("id") is not None else uuid.uuid4().hex
        answer = {**answer, "id": record_id}
        row = {
            "id": record_id,
            "text": item["text"],
            "channel": item.get("channel"),
            "customer": item.get("customer"),
            "meta": item.get("metadata"),
            "result": answer,
            "category": answer["category"],
            "anger": answer["anger"]["level"],
            "department": answer["route"]["department"],
            "needs_review": answer["needs_review"],
            "model_version": answer["model_version"],
            "created_at": now(),
        }
        try:
            with self.engine.begin() as connection:
                connection.execute(complaints.insert().values(**row))
            return answer, True
        except IntegrityError:
            existing = self.get(record_id)
            if existing is None:
                raise
            return existing["result"], False

    def get(self, record_id: str) -> dict | None:
        """One record with its feedback, or None."""
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(complaints).where(complaints.c.id == record_id)).first()
            if row is None:
                return None
            notes = connection.execute(
                sa.select(feedback).where(feedback.c.complaint_id == record_id).order_by(feedback.c.id)
            ).all()
        record = _record(row)
        record["feedback"] = [_feedback(f._mapping) for f in notes]
        return record

    def search(self, filters: dict, limit: int, offset: int) -> tuple[list[dict], int]:
        """Records matching ``filters`` (newest first) and the total count."""
        conditions = []
        for column in ("category", "department", "anger", "needs_review", "model_version"):
            if filters.get(column) is not None:
                conditions.append(complaints.c[column] == filters[column])
        if filters.get("since"):
            conditions.append(complaints.c.created_at >= filters["since"])
        if filters.get("until"):
            conditions.append(complaints.c.created_at < filters["until"])
        query = sa.select(complaints).where(*conditions)
        with self.engine.connect() as connection:
            total = connection.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
            rows = connection.execute(
                query.order_by(complaints.c.created_at.desc(), complaints.c.id).limit(limit).offset(offset)
            ).all()
        return [_record(r) for r in rows], total

    def add_feedback(
        self,
        record_id: str,
        verdict: str,
        category: str,
        secondary: list[str],
        anger: int,
        agent: str | None,
        comment: str | None,
    ) -> dict | None:
        """Keep an agent's accept or correction; None if the record does not exist."""
        row = {
            "complaint_id": record_id,
            "verdict": verdict,
            "category": category,
            "secondary": secondary,
            "anger": anger,
            "agent": agent,
            "comment": comment,
            "created_at": now(),
        }
        with self.engine.begin() as connection:
            exists = connection.execute(sa.select(complaints.c.id).where(complaints.c.id == record_id)).first()
            if exists is None:
                return None
            new_id = connection.execute(feedback.insert().values(**row)).inserted_primary_key[0]
        return _feedback({**row, "id": new_id})

    def latest_feedback(self) -> list[tuple]:
        """(record, latest feedback) pairs for every record that has feedback."""
        latest = (
            sa.select(feedback.c.complaint_id, sa.func.max(feedback.c.id).label("last"))
            .group_by(feedback.c.complaint_id)
            .subquery()
        )
        query = (
            sa.select(
                complaints,
                feedback.c.verdict,
                feedback.c.category.label("fb_category"),
                feedback.c.secondary.label("fb_secondary"),
                feedback.c.anger.label("fb_anger"),
            )
            .join(latest, latest.c.complaint_id == complaints.c.id)
            .join(feedback, feedback.c.id == latest.c.last)
        )
        with self.engine.connect() as connection:
            return connection.execute(query).all()

    def stats(self) -> dict:
        """Accept rate and correction counts per category, overall and per model version."""

        def tally(rows) -> dict:
            total, accepted = len(rows), sum(r.verdict == "accept" for r in rows)
            per_category = {}
            for category in sorted({r.category for r in rows}):
                mine = [r for r in rows if r.category == category]
                per_category[category] = {
                    "reviewed": len(mine),
                    "accepted": sum(r.verdict == "accept" for r in mine),
                    "corrected": sum(r.verdict == "correct" for r in mine),
                    "corrected_to": dict(Counter(r.fb_category for r in mine if r.fb_category != category)),
                }
            return {
                "reviewed": total,
                "accepted": accepted,
                "accept_rate": accepted / total if total else None,
                "per_category": per_category,
            }

        rows = self.latest_feedback()
        with self.engine.connect() as connection:
            stored = connection.execute(sa.select(sa.func.count()).select_from(complaints)).scalar_one()
        versions = sorted({r.model_version for r in rows})
        return {
            "complaints": stored,
            "overall": tally(rows),
            "per_model_version": {v: tally([r for r in rows if r.model_version == v]) for v in versions},
        }

    def mix(self, since: datetime | None, until: datetime | None) -> list[dict]:
        """Category, department, anger and day of every record in the time range."""
        conditions = []
        if since:
            conditions.append(complaints.c.created_at >= since)
        if until:
            conditions.append(complaints.c.created_at < until)
        query = sa.select(
            complaints.c.category,
            complaints.c.department,
            complaints.c.anger,
            complaints.c.needs_review,
            complaints.c.created_at,
        ).where(*conditions)
        with self.engine.connect() as connection:
            return [r._asdict() for r in connection.execute(query)]


def _feedback(row) -> dict:
    """A feedback row (any mapping) as JSON."""
    fields = ("id", "verdict", "category", "secondary", "anger", "agent", "comment")
    return {**{f: row[f] for f in fields}, "created_at": row["created_at"].isoformat()}
