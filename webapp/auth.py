"""Who is signed in, CSRF tokens on every form, and the sign-in rate limit."""

import secrets
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from database import staff
from database.repository import now
from schemas.staff import StaffUser
from webapp.context import AppContext

SESSION_COOKIE = "justif_session"
LOGIN_CSRF_COOKIE = "justif_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class SignedOut(Exception):
    """The request has no valid session; pages redirect to the sign-in page."""


class Forbidden(Exception):
    """Signed in, but this is refused (bad CSRF token, role too low); the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def app_context(request: Request) -> AppContext:
    """The context create_app stored on the application."""
    return request.app.state.context


Context = Annotated[AppContext, Depends(app_context)]


def signed_in(request: Request, context: Context) -> StaffUser:
    """The signed-in staff member, or SignedOut; the CSRF token is kept for the templates."""
    token = request.cookies.get(SESSION_COOKIE)
    found = staff.session_user(context.engine, token) if token else None
    if found is None:
        raise SignedOut()
    user, csrf = found
    request.state.user, request.state.csrf_token = user, csrf
    return user


Staff = Annotated[StaffUser, Depends(signed_in)]


async def checked_form(request: Request, user: Staff) -> FormData:
    """The POSTed form, once its CSRF token is the session's (form field or htmx header)."""
    form = await request.form()
    sent = str(form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or "")
    if not secrets.compare_digest(sent.encode(), request.state.csrf_token.encode()):
        raise Forbidden("Formulaire refusé : jeton de sécurité absent ou périmé. "
                        "Rechargez la page et recommencez.")
    return form


Form = Annotated[FormData, Depends(checked_form)]


def text_field(form: FormData, name: str) -> str:
    """A text field of a form, empty when absent (a file upload is not text)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def client_of(request: Request) -> str:
    """The remote address, for the per-client sign-in limit."""
    return request.client.host if request.client else "inconnu"


def locked_out(context: AppContext, username: str, client: str) -> bool:
    """Whether too many recent failures refuse this sign-in before checking the password."""
    by_user, by_client = staff.recent_failures(
        context.engine, username=username, client=client,
        since=now() - context.failure_window)
    return (by_user >= context.max_failures_per_user
            or by_client >= context.max_failures_per_client)
