"""Persistence with SQLAlchemy 2 and Alembic: runs, dossiers, pieces, findings, verdicts."""
