"""The dashboard over a seeded history of runs: figures match the database, CSV the tables."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from database import repository
from schemas.findings import Finding, FindingCode
from schemas.verdict import DossierVerdict
from tests.factories import account, piece
from tests.support.staff_site import PASSWORD, create_staff, make_context, start_site

SPECIALTIES = ("MCO", "MCO", "NDRC", "NDRC", "SIO", "SIO")
# Verdicts of the six candidates on three days of the session: more complete each day.
DAYS = {
    datetime(2025, 10, 20, 9, tzinfo=UTC): ["incomplete"] * 6,
    datetime(2025, 10, 27, 9, tzinfo=UTC): ["ok", "incomplete", "review", "incomplete", "ok",
                                            "incomplete"],
    datetime(2025, 11, 3, 9, tzinfo=UTC): ["ok", "review", "review", "ok", "ok", "incomplete"],
}
FINDINGS = {
    "ok": [],
    "review": [Finding.of(FindingCode.SIGNATURE_MISSING, "Récapitulatif non signé",
                          slot="recapitulatif")],
    "incomplete": [Finding.of(FindingCode.PIECE_MISSING, "Pièce manquante : expérience",
                              slot="experience")],
}


def seed_history(engine) -> None:
    """Three runs a week apart; a dossier is verified anew only when its verdict changes."""
    for day, verdicts in DAYS.items():
        latest = repository.latest_verifications(engine, "2026")
        run_id = repository.start_run(engine, source="s3://justif/2026", session="2026",
                                      rules_digest="r", code_digest="c",
                                      prefect_flow_run_id=None)
        for index, (specialty, verdict) in enumerate(zip(SPECIALTIES, verdicts, strict=True)):
            acc = account(candidate_id=f"0260000000{index}", specialty_code=specialty,
                          birth_name=f"NOM{index}")
            fingerprint = f"{index}-{verdict}"
            known = latest.get(acc.candidate_id)
            if known is not None and known.fingerprint == fingerprint:
                repository.reuse_verification(engine, run_id=run_id, latest=known)
                continue
            pieces = (piece("identite", uploaded_at=day - timedelta(days=index % 2)),)
            repository.save_verification(
                engine, run_id=run_id, account=acc, fingerprint=fingerprint, pieces=pieces,
                verdict=DossierVerdict(candidate_id=acc.candidate_id, verdict=verdict,
                                       findings=FINDINGS[verdict]))
        repository.finish_run(engine, run_id, status=repository.RunStatus.SUCCEEDED,
                              dossiers=6, verified=6, unchanged=0, files_read=6,
                              orphan_dossiers=0, upload_times="manifest")
        with engine.begin() as db:
            db.execute(text("UPDATE runs SET started_at = :s, finished_at = :f WHERE id = :i"),
                       {"s": day, "f": day + timedelta(minutes=3, seconds=20), "i": run_id})


@pytest.fixture
def dashboard_site(tmp_path):
    context = make_context(f"sqlite:///{tmp_path / 'history.sqlite3'}")
    seed_history(context.engine)
    create_staff(context)
    site = start_site(context)
    yield site
    site.stop()


def table_rows(page, slug: str) -> list[list[str]]:
    cells = page.locator(f"#table-{slug} tbody tr")
    return [[c.strip() for c in row.split("\t")] for row in cells.all_inner_texts()]


def test_the_dashboard_matches_the_database_and_its_csv_exports(page, dashboard_site):
    page.goto(dashboard_site.url + "/tableau-de-bord")
    page.fill("input[name=username]", "agent1")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Se connecter')")
    expect(page.locator("h1")).to_have_text("Tableau de bord")

    with dashboard_site.context.engine.connect() as db:
        latest = db.execute(text(
            "SELECT json_extract(v.account, '$.specialty_code'), v.verdict FROM verifications v "
            "WHERE v.id IN (SELECT max(id) FROM verifications GROUP BY dossier_id)")).all()
    words = {"ok": "complets", "review": "à examiner", "incomplete": "incomplets"}
    by_verdict = {w: str(sum(1 for _, v in latest if words[v] == w)) for w in words.values()}
    assert dict(table_rows(page, "verdicts")) == by_verdict == {
        "complets": "3", "à examiner": "2", "incomplets": "1"}
    specialties = {row[0]: row[1:] for row in table_rows(page, "specialites")}
    for code in set(SPECIALTIES):
        expected = [str(sum(1 for c, v in latest if c == code and words[v] == w))
                    for w in words.values()]
        assert specialties[code] == [*expected, str(SPECIALTIES.count(code))]
    # The curve: one point per day, the last run of that day.
    assert table_rows(page, "evolution") == [
        ["20/10/2025", "0", "0", "6"], ["27/10/2025", "2", "1", "3"],
        ["03/11/2025", "3", "2", "1"]]
    assert table_rows(page, "pieces-manquantes") == [
        ["Justificatif de formation ou d'expérience", "1", "0"]]
    assert table_rows(page, "motifs") == [["SIGNATURE_MISSING", "2"], ["PIECE_MISSING", "1"]]
    expect(page.locator("#dernier-lot")).to_contain_text("durée 3 min 20 s")
    # The bundled session's deadline (19/11/2025) is past: the incomplete dossier is listed.
    expect(page.locator("#annulations h2")).to_have_text("Dossiers à annuler (1)")
    assert table_rows(page, "annulations")[0][0] == "02600000005"
    expect(page.locator("#figure-evolution svg polyline")).to_have_count(3)

    for slug in ("verdicts", "specialites", "pieces-manquantes", "motifs", "evolution",
                 "depots", "annulations"):
        response = page.request.get(f"{dashboard_site.url}/tableau-de-bord/{slug}.csv")
        assert response.ok and response.headers["content-type"].startswith("text/csv")
        exported = list(csv.reader(io.StringIO(response.text())))
        header = page.locator(f"#table-{slug} thead th").all_inner_texts()
        assert exported[0] == [h.strip() for h in header]
        assert exported[1:] == table_rows(page, slug), slug
    assert page.request.get(f"{dashboard_site.url}/tableau-de-bord/nothing.csv").status == 404
