"""What every request of the staff app shares: settings, database, the session's rules."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine

from schemas.rules import SessionRules
from settings.app import Settings


@dataclass(frozen=True)
class AppContext:
    """Read once when the app starts (STYLE.md: configuration at the entry point)."""

    settings: Settings
    engine: Engine
    rules: SessionRules
    session_lifetime: timedelta = timedelta(hours=8)
    # Sign-in attempts: this many failures in the window lock a username (or a client) out.
    max_failures_per_user: int = 5
    max_failures_per_client: int = 20
    failure_window: timedelta = timedelta(minutes=15)
