"""A staff app over real verifications: a few sample dossiers verified, accounts, a server."""

import re
import socket
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import text

from database.engine import connect
from database.staff import add_user
from schemas.staff import Role
from settings.app import Settings
from settings.session import load_session_rules
from tests.corpus import copy_dossiers
from webapp.app import create_app
from webapp.context import AppContext
from webapp.passwords import hash_password

# A surname typo, a given-names typo, an incomplete dossier, an unsigned récapitulatif,
# a clean one, and one whose account name is markup (rendered as text, never run).
CANDIDATES = ("02602600001", "02602600003", "02602600029", "02602600027", "02602600000",
              "02602600002")
SCRIPT_NAME = "<script>alert('x')</script>"
PASSWORD = "correct horse battery"
STAFF = (("agent1", "Alice Agent", Role.AGENT), ("chef", "Bruno Superviseur", Role.SUPERVISEUR))


def subset_dossiers(target: Path, candidates: tuple[str, ...] = CANDIDATES) -> Path:
    """Copy some sample dossiers; the last candidate's birth name becomes SCRIPT_NAME."""
    return copy_dossiers(target, candidates, renamed={candidates[-1]: SCRIPT_NAME})


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class StaffSite:
    """A running staff app: its base URL, database engine and context."""

    url: str
    context: AppContext
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        """Stop the server and wait for it."""
        self.server.should_exit = True
        self.thread.join(timeout=10)


def create_staff(context: AppContext) -> None:
    """The test accounts (argon2 hashing: once per account)."""
    for username, name, role in STAFF:
        add_user(context.engine, username=username, display_name=name, role=role,
                 password_hash=hash_password(PASSWORD))


def make_context(database_url: str, **settings: object) -> AppContext:
    """The app's context for a database, with the bundled session's rules."""
    app_settings = Settings(database_url=database_url, web_secure_cookies=False, **settings)
    return AppContext(settings=app_settings, engine=connect(database_url),
                      rules=load_session_rules(app_settings.session_config),
                      session_lifetime=timedelta(hours=1))


def start_site(context: AppContext) -> StaffSite:
    """Serve the app on a free loopback port in a thread, and wait until it answers."""
    port = free_port()
    config = uvicorn.Config(create_app(context), host="127.0.0.1", port=port,
                            access_log=False, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("staff app did not start")
        time.sleep(0.05)
    return StaffSite(f"http://127.0.0.1:{port}", context, server, thread)


def form_token(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if found is None:
        raise AssertionError("no CSRF token in the page")
    return found.group(1)


def sign_in(client: httpx.Client, username: str = "chef") -> str:
    """Sign an HTTP client in; returns the session's CSRF token."""
    token = form_token(client.get("/connexion").text)
    response = client.post("/connexion", data={"csrf_token": token, "username": username,
                                               "password": PASSWORD, "suite": "/"})
    assert response.status_code == 303, response.text
    return form_token(client.get("/").text)


def dossier_ids(context: AppContext) -> dict[str, int]:
    """candidate_id -> dossier id in the site's database."""
    with context.engine.connect() as db:
        return dict(db.execute(text("SELECT candidate_id, id FROM dossiers")).all())
