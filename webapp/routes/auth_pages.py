"""Sign in and sign out."""

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from database import staff
from webapp.auth import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Context,
    Form,
    SignedOut,
    client_of,
    locked_out,
    signed_in,
)
from webapp.passwords import password_matches
from webapp.templating import render

router = APIRouter()


def _safe_target(target: str | None) -> str:
    # Only a path of this site: "//host" or "https://…" would send staff elsewhere.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_page(request: Request, *, error: str | None = None, status_code: int = 200,
                username: str = "") -> Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status_code=status_code, error=error,
                      login_csrf=token, username=username,
                      suite=_safe_target(request.query_params.get("suite")))
    # Double-submit token: the form must carry what this cookie holds.
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.app.state.context.settings.web_secure_cookies,
                        path="/connexion")
    return response


@router.get("/connexion")
def sign_in_page(request: Request, context: Context) -> Response:
    """The sign-in form (or the queue when already signed in)."""
    try:
        signed_in(request, context)
    except SignedOut:
        return _login_page(request)
    return RedirectResponse("/", status_code=303)


@router.post("/connexion")
async def sign_in(request: Request, context: Context) -> Response:
    """Check the form's token, the rate limit, then the password; open a session."""
    form = await request.form()
    username = str(form.get("username") or "").strip()[:100]
    password = str(form.get("password") or "")
    sent, expected = str(form.get(CSRF_FIELD) or ""), request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        return _login_page(request, status_code=403, username=username,
                           error="Formulaire expiré : recommencez la connexion.")
    client = client_of(request)
    if locked_out(context, username, client):
        return _login_page(request, status_code=429, username=username,
                           error="Trop de tentatives échouées : réessayez dans 15 minutes.")
    found = staff.credentials(context.engine, username)
    if not password_matches(found[1] if found else None, password) or found is None:
        staff.record_attempt(context.engine, username, client, succeeded=False)
        return _login_page(request, status_code=401, username=username,
                           error="Identifiant ou mot de passe incorrect.")
    staff.record_attempt(context.engine, username, client, succeeded=True)
    token, _ = staff.open_session(context.engine, found[0].id, context.session_lifetime)
    response = RedirectResponse(_safe_target(str(form.get("suite") or "/")), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax",
                        secure=context.settings.web_secure_cookies,
                        max_age=int(context.session_lifetime.total_seconds()))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/connexion")
    return response


@router.post("/deconnexion")
def sign_out(request: Request, context: Context, _form: Form) -> Response:
    """End the session server-side and forget the cookie."""
    staff.close_session(context.engine, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/connexion", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
