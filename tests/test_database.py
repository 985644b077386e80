import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from database.engine import connect
from database.models import Base
from flows.verify_batch import verify_batch
from tests.corpus import FEW


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def test_migrations_build_exactly_the_models(database_url):
    engine = connect(database_url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert {"runs", "dossiers", "verifications", "pieces", "findings", "run_dossiers"} <= set(
        inspect(engine).get_table_names())
    connect(database_url)  # migrating an up-to-date database again is harmless


def test_a_batch_records_and_reuses_verdicts_in_either_database(
        database_url, few_samples, tmp_path, monkeypatch):
    monkeypatch.setenv("JUSTIF_DATABASE_URL", database_url)
    out = tmp_path / "r.jsonl"
    first = verify_batch(str(few_samples), out=str(out))
    written = out.read_text()
    assert [json.loads(line)["candidate_id"] for line in written.splitlines()] == list(FEW)
    second = verify_batch(str(few_samples), out=str(out))
    # The second run rebuilds every verdict from the database: byte for byte the same.
    assert out.read_text() == written
    assert (second.verified, second.unchanged) == (0, first.verified)
    # Timestamps come back aware and equal whatever the database does with zones.
    assert second.started_at.tzinfo is not None
