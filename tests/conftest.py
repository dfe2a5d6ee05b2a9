"""Shared fixtures: the shipped triager, a fresh app per test, and database URLs."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from triage import Triager
from triage.service import create_app

POSTGRES_ADMIN_URL = os.environ.get("TRIAGE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def triager() -> Triager:
    return Triager.load()


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database on the machine's real server, dropped afterwards."""
    name = f"triage_test_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    base = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(base)
    with engine.begin() as connection:  # a clean slate for every test
        connection.execute(sa.text("DROP TABLE IF EXISTS feedback, complaints, alembic_version"))
    engine.dispose()
    return base
