"""Staff accounts, their signed-in sessions and sign-in attempts."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from database.models import LoginAttempt, StaffSession, StaffUser
from database.repository import now
from schemas.errors import JustifError
from schemas.staff import Role
from schemas.staff import StaffUser as StaffUserView


def _view(user: StaffUser) -> StaffUserView:
    return StaffUserView(id=user.id, username=user.username, display_name=user.display_name,
                         role=Role(user.role))


def _token_hash(token: str) -> str:
    # Only a digest is stored: a copy of the database does not hand out live sessions.
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(engine: Engine, *, username: str, display_name: str, role: Role,
             password_hash: str) -> StaffUserView:
    """Create a staff account; a taken username is a JustifError."""
    try:
        with Session(engine) as db, db.begin():
            user = StaffUser(username=username, display_name=display_name, role=role.value,
                             password_hash=password_hash, active=True, created_at=now())
            db.add(user)
            db.flush()
            return _view(user)
    except IntegrityError:
        raise JustifError(f"l'identifiant « {username} » existe déjà") from None


def set_password_hash(engine: Engine, username: str, password_hash: str) -> None:
    """Replace an account's password; its open sessions end."""
    with Session(engine) as db, db.begin():
        user = _by_username(db, username)
        user.password_hash = password_hash
        db.execute(delete(StaffSession).where(StaffSession.user_id == user.id))


def set_active(engine: Engine, username: str, active: bool) -> None:
    """Enable or disable an account; disabling ends its sessions."""
    with Session(engine) as db, db.begin():
        user = _by_username(db, username)
        user.active = active
        if not active:
            db.execute(delete(StaffSession).where(StaffSession.user_id == user.id))


def _by_username(db: Session, username: str) -> StaffUser:
    user = db.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        raise JustifError(f"aucun compte « {username} »")
    return user


def list_users(engine: Engine, *, active_only: bool = False) -> list[tuple[StaffUserView, bool]]:
    """Every account with whether it is active, by display name."""
    query = select(StaffUser).order_by(StaffUser.display_name)
    if active_only:
        query = query.where(StaffUser.active.is_(True))
    with Session(engine) as db:
        return [(_view(user), user.active) for user in db.scalars(query)]


def credentials(engine: Engine, username: str) -> tuple[StaffUserView, str] | None:
    """An active account and its password hash, to check a sign-in."""
    with Session(engine) as db:
        user = db.scalar(select(StaffUser).where(StaffUser.username == username,
                                                 StaffUser.active.is_(True)))
        return (_view(user), user.password_hash) if user else None


def open_session(engine: Engine, user_id: int, lifetime: timedelta) -> tuple[str, str]:
    """A new session: (cookie token, CSRF token). Expired sessions are purged on the way."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    moment = now()
    with Session(engine) as db, db.begin():
        db.execute(delete(StaffSession).where(StaffSession.expires_at < moment))
        db.add(StaffSession(token_hash=_token_hash(token), user_id=user_id, csrf_token=csrf,
                            created_at=moment, expires_at=moment + lifetime))
    return token, csrf


def session_user(engine: Engine, token: str) -> tuple[StaffUserView, str] | None:
    """The active user and CSRF token of an unexpired session, else None."""
    with Session(engine) as db:
        row = db.execute(
            select(StaffUser, StaffSession.csrf_token)
            .join(StaffSession, StaffSession.user_id == StaffUser.id)
            .where(StaffSession.token_hash == _token_hash(token),
                   StaffSession.expires_at > now(), StaffUser.active.is_(True))
        ).first()
        return (_view(row[0]), row[1]) if row else None


def close_session(engine: Engine, token: str) -> None:
    """Sign out: the token stops working at once."""
    with Session(engine) as db, db.begin():
        db.execute(delete(StaffSession).where(StaffSession.token_hash == _token_hash(token)))


def record_attempt(engine: Engine, username: str, client: str, succeeded: bool) -> None:
    """Remember a sign-in attempt."""
    with Session(engine) as db, db.begin():
        db.add(LoginAttempt(username=username[:100], client=client[:64], at=now(),
                            succeeded=succeeded))


def recent_failures(engine: Engine, *, username: str, client: str, since: datetime
                    ) -> tuple[int, int]:
    """Failed attempts since a moment: (for this username, from this client)."""
    with Session(engine) as db:
        failed = select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since)
        by_user = db.scalar(failed.where(LoginAttempt.username == username[:100])) or 0
        by_client = db.scalar(failed.where(LoginAttempt.client == client[:64])) or 0
        return by_user, by_client
