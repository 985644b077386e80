"""`justif remind` against a real local SMTP server (aiosmtpd): what arrives, and only once."""

import os
import sqlite3
import subprocess
import sys
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
import yaml
from aiosmtpd.controller import Controller

from settings.app import BUNDLED_SESSION
from tests.support.staff_site import CANDIDATES, free_port

JUSTIF = Path(sys.executable).parent / "justif"
INCOMPLETE = CANDIDATES[2]  # experience piece missing


class Inbox:
    """An aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content,
                                                                    policy=default)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def future_session(tmp_path) -> Path:
    """The bundled session with its deadline moved after today (reminders are sent before it)."""
    rules = yaml.safe_load(BUNDLED_SESSION.read_text(encoding="utf-8"))
    rules["registration_closes"] = "2099-11-12T23:59:59"
    rules["deadline"] = "2099-11-19T23:59:59"
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(rules), encoding="utf-8")
    return path


def remind(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(JUSTIF), "remind", *args], env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def test_reminders_name_the_missing_pieces_and_are_sent_once(
        staff_seed, tmp_path, smtp_server, future_session):
    controller, inbox = smtp_server
    database = tmp_path / "justif.sqlite3"
    with sqlite3.connect(staff_seed[0]) as seed, sqlite3.connect(database) as copy:
        seed.backup(copy)
    env = {**os.environ, "JUSTIF_DATABASE_URL": f"sqlite:///{database}",
           "JUSTIF_SESSION_CONFIG": str(future_session),
           "JUSTIF_SMTP_HOST": "127.0.0.1", "JUSTIF_SMTP_PORT": str(controller.port),
           "JUSTIF_SMTP_STARTTLS": "false", "JUSTIF_SMTP_SENDER": "examens@ac-nantes.example"}

    listed = remind(env, "--dry-run")
    assert listed.returncode == 0, listed.stderr
    assert INCOMPLETE in listed.stdout and "1 message(s) à envoyer" in listed.stdout
    assert inbox.messages == []

    first = remind(env)
    assert first.returncode == 0, first.stderr
    assert "1 message(s) envoyé(s)" in first.stdout
    [(recipients, mail)] = inbox.messages
    assert recipients == ["c600029@example.org"]
    assert mail["Subject"] == f"BTS 2026 : dossier n° {INCOMPLETE} incomplet"
    body = mail.get_content()
    assert "Justificatif de formation ou d'expérience : pièce manquante" in body
    assert "avant le 19/11/2099 à 23:59" in body

    second = remind(env)
    assert "0 message(s) envoyé(s)" in second.stdout
    assert len(inbox.messages) == 1
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT recipient, status, body FROM reminders").fetchall()
    assert [(r, s) for r, s, _ in rows] == [("c600029@example.org", "sent")]
    assert rows[0][2] == body.replace("\r\n", "\n")


def test_no_reminder_after_the_deadline_and_a_clear_error_without_a_mail_server(
        staff_seed, tmp_path, future_session):
    env = {**os.environ, "JUSTIF_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    late = remind(env)  # the bundled session's deadline (2025) is past
    assert late.returncode == 0 and "Date limite passée" in late.stderr
    database = tmp_path / "justif.sqlite3"
    with sqlite3.connect(staff_seed[0]) as seed, sqlite3.connect(database) as copy:
        seed.backup(copy)
    unconfigured = remind({**env, "JUSTIF_DATABASE_URL": f"sqlite:///{database}",
                           "JUSTIF_SESSION_CONFIG": str(future_session)})
    assert unconfigured.returncode == 1
    assert "JUSTIF_SMTP_HOST" in unconfigured.stderr
