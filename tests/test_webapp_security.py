"""The staff app over HTTP: nothing without signing in, CSRF, rate limit, logs, piece files."""

import logging
import re

import httpx
import pytest
from fastapi.routing import APIRoute

from tests.support.staff_site import (
    CANDIDATES,
    PASSWORD,
    dossier_ids,
    form_token,
    make_context,
    sign_in,
    start_site,
    subset_dossiers,
)
from webapp.app import ROUTERS


def client(site) -> httpx.Client:
    return httpx.Client(base_url=site.url, follow_redirects=False, timeout=30)


def test_every_page_and_action_refuses_a_signed_out_visitor(staff_site):
    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    checked = 0
    with client(staff_site) as http:
        for route in routes:
            if route.path == "/connexion":
                continue
            path = re.sub(r"\{[^}]+\}", "1", route.path)
            for method in route.methods:
                response = http.request(method, path, data={"action": "validate"})
                checked += 1
                if method == "GET" and not path.startswith("/pieces/"):
                    assert response.status_code == 303, path
                    assert response.headers["location"].startswith("/connexion")
                else:
                    assert response.status_code == 401, (method, path)
                assert "MONTMORENCY" not in response.text
    assert checked >= 9


def test_forms_without_the_sessions_csrf_token_are_refused(staff_site):
    dossier = dossier_ids(staff_site.context)[CANDIDATES[0]]
    with client(staff_site) as http:
        token = sign_in(http)
        url = f"/dossiers/{dossier}/decision"
        missing = http.post(url, data={"action": "validate"})
        wrong = http.post(url, data={"action": "validate", "csrf_token": token[:-2] + "xx"})
        assert (missing.status_code, wrong.status_code) == (403, 403)
        assert "jeton de sécurité" in missing.text
        assert "Aucune action pour l'instant" in http.get(f"/dossiers/{dossier}").text
        by_header = http.post(url, data={"action": "validate"}, headers={"X-CSRF-Token": token})
        assert by_header.status_code == 303
        assert "Dossier validé" in http.get(f"/dossiers/{dossier}").text
        # Signing out needs the token too, then the old session is gone server-side.
        assert http.post("/deconnexion").status_code == 403
        assert http.post("/deconnexion", data={"csrf_token": token}).status_code == 303
        assert http.get("/").status_code == 303


def test_the_sign_in_form_needs_its_own_token_and_sets_a_protected_cookie(staff_site):
    with client(staff_site) as http:
        forged = http.post("/connexion", data={"username": "chef", "password": PASSWORD})
        assert forged.status_code == 403 and "justif_session" not in forged.cookies
        token = form_token(http.get("/connexion").text)
        response = http.post("/connexion", data={"csrf_token": token, "username": "chef",
                                                  "password": PASSWORD,
                                                  "suite": "//evil.example/"})
        assert response.status_code == 303 and response.headers["location"] == "/"
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=3600" in cookie


def test_sign_in_is_locked_after_repeated_failures(staff_site):
    with client(staff_site) as http:
        for _ in range(5):
            token = form_token(http.get("/connexion").text)
            failed = http.post("/connexion", data={"csrf_token": token, "username": "agent1",
                                                   "password": "wrong password!"})
            assert failed.status_code == 401
            assert "Identifiant ou mot de passe incorrect" in failed.text
        token = form_token(http.get("/connexion").text)
        locked = http.post("/connexion", data={"csrf_token": token, "username": "agent1",
                                               "password": PASSWORD})
        assert locked.status_code == 429 and "Trop de tentatives" in locked.text
        # Another account from another address is not locked out.
        assert sign_in(http, "chef")


def test_access_log_names_routes_not_searches_or_dossiers(staff_site, caplog):
    dossier = dossier_ids(staff_site.context)[CANDIDATES[0]]
    with client(staff_site) as http, caplog.at_level(logging.INFO, "justif.web.access"):
        sign_in(http)
        assert "MONTMORENCY" in http.get("/", params={"q": "montmorency"}).text
        http.get(f"/dossiers/{dossier}")
    lines = [r.getMessage() for r in caplog.records if r.name == "justif.web.access"]
    assert any(line.startswith("GET /dossiers/{dossier_id} 200") for line in lines)
    assert not any("montmorency" in line.lower() or "q=" in line or f"/{dossier}" in line
                   for line in lines)


def test_piece_files_are_streamed_to_staff_with_a_neutral_name(staff_site, staff_seed):
    dossier = dossier_ids(staff_site.context)[CANDIDATES[0]]
    with client(staff_site) as http:
        sign_in(http)
        page = http.get(f"/dossiers/{dossier}").text
        piece = re.search(r'href="/pieces/(\d+)/fichier"', page).group(1)
        original = http.get(f"/pieces/{piece}/fichier")
        preview = http.get(f"/pieces/{piece}/pages/1")
        assert http.get(f"/pieces/{piece}/pages/9").status_code == 404
    on_disk = sorted((staff_seed[1] / "pieces" / CANDIDATES[0] / "identite").iterdir())[0]
    assert original.content == on_disk.read_bytes()
    assert original.headers["content-disposition"] == \
        f'attachment; filename="piece-{piece}.{on_disk.suffix[1:].lower()}"'
    assert original.headers["cache-control"] == "private, no-store"
    assert preview.headers["content-type"] == "image/png"
    assert preview.content.startswith(b"\x89PNG")


@pytest.mark.s3
def test_pieces_are_read_from_object_storage(s3_env, s3_client, tmp_path):
    from flows.verify_batch import verify_batch
    from storage.s3 import make_client
    from storage.upload import upload_directory

    source = subset_dossiers(tmp_path / "one", candidates=(CANDIDATES[3],))
    settings_context = make_context(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upload_directory(source, "s3://staff-app/s", make_client(settings_context.settings),
                     settings_context.settings.s3_endpoint)
    verify_batch("s3://staff-app/s", database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    from tests.support.staff_site import create_staff

    create_staff(settings_context)
    site = start_site(settings_context)
    try:
        with client(site) as http:
            sign_in(http)
            dossier = dossier_ids(site.context)[CANDIDATES[3]]
            page = http.get(f"/dossiers/{dossier}").text
            recap = re.search(r'id="piece-(\d+)">\s*<h3>R\u00e9capitulatif', page)
            pieces = re.findall(r'href="/pieces/(\d+)/fichier"', page)
            bodies = [http.get(f"/pieces/{p}/fichier").content for p in pieces]
            signature = http.get(f"/pieces/{recap.group(1)}/signature") if recap else None
    finally:
        site.stop()
    stored = {p.read_bytes() for p in (source / "pieces").rglob("*") if p.is_file()}
    assert bodies and set(bodies) <= stored
    assert signature is not None and signature.status_code == 200
