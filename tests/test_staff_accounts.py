"""Staff accounts, sessions, sign-in attempts and the append-only audit log, in both databases."""

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from database import staff
from database.engine import connect
from database.repository import now
from database.triage import record_event
from schemas.errors import JustifError
from schemas.staff import Action, Role
from webapp.passwords import hash_password, password_matches


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        return connect(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    return connect(request.getfixturevalue("postgres_url"))


def test_passwords_are_hashed_with_argon2_and_short_ones_refused():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$") and "correct" not in stored
    assert password_matches(stored, "correct horse battery")
    assert not password_matches(stored, "correct horse batterY")
    assert not password_matches(None, "correct horse battery")
    with pytest.raises(JustifError, match="12 caractères"):
        hash_password("short")


def test_a_session_lives_until_sign_out_expiry_or_disabling(engine):
    user = staff.add_user(engine, username="alice", display_name="Alice", role=Role.AGENT,
                          password_hash="x")
    with pytest.raises(JustifError, match="existe déjà"):
        staff.add_user(engine, username="alice", display_name="A", role=Role.AGENT,
                       password_hash="x")
    token, csrf = staff.open_session(engine, user.id, timedelta(hours=1))
    assert staff.session_user(engine, token) == (user, csrf)
    assert staff.session_user(engine, token + "x") is None
    staff.close_session(engine, token)
    assert staff.session_user(engine, token) is None

    expired, _ = staff.open_session(engine, user.id, timedelta(seconds=-1))
    assert staff.session_user(engine, expired) is None
    live, _ = staff.open_session(engine, user.id, timedelta(hours=1))
    staff.set_active(engine, "alice", False)
    assert staff.session_user(engine, live) is None
    assert staff.credentials(engine, "alice") is None


def test_failed_sign_ins_are_counted_per_username_and_per_client(engine):
    for _ in range(3):
        staff.record_attempt(engine, "bob", "10.0.0.1", succeeded=False)
    staff.record_attempt(engine, "carol", "10.0.0.1", succeeded=False)
    staff.record_attempt(engine, "bob", "10.0.0.2", succeeded=True)
    since = now() - timedelta(minutes=15)
    assert staff.recent_failures(engine, username="bob", client="10.0.0.9", since=since) == (3, 0)
    assert staff.recent_failures(engine, username="dan", client="10.0.0.1", since=since) == (0, 4)
    later = now() + timedelta(seconds=1)
    assert staff.recent_failures(engine, username="bob", client="10.0.0.1", since=later) == (0, 0)


def test_the_audit_log_refuses_updates_and_deletes(engine):
    user = staff.add_user(engine, username="alice", display_name="Alice", role=Role.AGENT,
                          password_hash="x")
    with engine.begin() as db:
        db.execute(text("INSERT INTO dossiers (session, candidate_id, first_seen_at) "
                        "VALUES ('2026', '026', CURRENT_TIMESTAMP)"))
        dossier_id = db.execute(text("SELECT id FROM dossiers")).scalar_one()
    record_event(engine, dossier_id=dossier_id, actor_id=user.id, action=Action.VALIDATE,
                 verification_id=None, before={}, after={"decision": "valide"}, comment="vu")
    for statement in ("UPDATE audit_events SET comment = 'changé'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as db:
            db.execute(text(statement))
    with engine.connect() as db:
        assert db.execute(text("SELECT comment FROM audit_events")).scalars().all() == ["vu"]
