"""create_app: the staff web app, its routes, security headers and access log."""

import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from webapp.auth import Forbidden, SignedOut
from webapp.context import AppContext
from webapp.routes import auth_pages, dashboard_pages, dossier_pages, piece_files, queue_pages
from webapp.templating import make_templates, render

STATIC = Path(__file__).parent / "static"
# Every route of the app, in one explicit list (tests walk it to check sign-in is required).
ROUTERS = (auth_pages.router, queue_pages.router, dossier_pages.router, piece_files.router,
           dashboard_pages.router)
access_log = logging.getLogger("justif.web.access")

# Everything the pages use is served by the app itself: no inline script, no other origin.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(context: AppContext) -> FastAPI:
    """The app for one session's rules and one database."""
    app = FastAPI(title="justif", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.context = context
    app.state.templates = make_templates(context.rules.zone)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.middleware("http")
    async def headers_and_access_log(
            request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if not request.url.path.startswith("/static/"):
            # Pages show personal data: no copy in a browser or proxy cache.
            response.headers.setdefault("Cache-Control", "no-store")
        # The route's template, never the actual path or query string: a search names a
        # candidate, and file names may too.
        route = getattr(request.scope.get("route"), "path", "(aucune route)")
        user = getattr(request.state, "user", None)
        access_log.info("%s %s %d %.0f ms user=%s", request.method, route,
                        response.status_code, (time.perf_counter() - started) * 1000,
                        user.id if user else "-")
        return response

    @app.exception_handler(SignedOut)
    async def to_sign_in(request: Request, _exc: SignedOut) -> Response:
        if request.method == "GET" and not request.url.path.startswith("/pieces/"):
            target = "/connexion"
            if request.url.path != "/":
                target += f"?suite={request.url.path}"
            response: Response = RedirectResponse(target, status_code=303)
        else:
            response = Response("Connexion requise", status_code=401,
                                media_type="text/plain; charset=utf-8")
        if request.headers.get("HX-Request"):
            response.headers["HX-Redirect"] = "/connexion"
        return response

    @app.exception_handler(Forbidden)
    async def refused(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", status_code=403, title="Action refusée",
                      message=exc.message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        messages = {404: "Page ou document introuvable.", 405: "Méthode non permise."}
        return render(request, "error.html", status_code=exc.status_code,
                      title=f"Erreur {exc.status_code}",
                      message=messages.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, _exc: RequestValidationError) -> Response:
        return render(request, "error.html", status_code=400, title="Requête invalide",
                      message="Un paramètre de la requête est invalide.")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        # The type only: a message may quote a document or a name.
        logging.getLogger("justif.web").error("erreur interne (%s) sur %s", type(exc).__name__,
                                              getattr(request.scope.get("route"), "path", "?"))
        return render(request, "error.html", status_code=500, title="Erreur interne",
                      message="Une erreur interne est survenue ; elle a été journalisée.")

    return app
