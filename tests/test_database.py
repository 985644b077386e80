from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from database.engine import connect
from database.models import Base


def test_migrations_build_exactly_the_models(tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert {"runs", "dossiers", "verifications", "pieces", "findings", "run_dossiers"} <= set(
        inspect(engine).get_table_names())


def test_migrating_twice_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    connect(url)
    connect(url)
