"""The staff app in Debian's chromium (Playwright): what an exam officer does, click by click."""

import re
import shutil

from playwright.sync_api import Page, expect

from flows.verify_batch import verify_batch
from tests.support.staff_site import CANDIDATES, PASSWORD, SCRIPT_NAME

SURNAME_TYPO, GIVEN_TYPO, INCOMPLETE, UNSIGNED, CLEAN, SCRIPTED = CANDIDATES


def settled(page: Page) -> None:
    """Wait until htmx has processed the page now shown (webapp/static/app.js marks it)."""
    expect(page.locator("main[data-pret=oui]")).to_have_count(1)


def sign_in(page: Page, site, username: str = "chef") -> None:
    page.goto(site.url + "/")
    expect(page).to_have_url(re.compile(r"/connexion"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Se connecter')")
    expect(page.locator("h1")).to_have_text("Dossiers à traiter")
    settled(page)


def rows(page: Page):
    return page.locator("#resultats tbody tr.ligne")


def search(page: Page, text: str) -> None:
    """Type in the search box; the results follow without a click."""
    page.fill("#recherche", text)
    expect(page).to_have_url(re.compile(rf"q={re.escape(text)}"))


def open_dossier(page: Page, candidate: str) -> None:
    page.click(f"#resultats a:has-text('{candidate}')")
    expect(page.locator("h1 .numero")).to_have_text(candidate)
    settled(page)


DONE = {"form-attribution": "Attribution enregistrée.",
        "form-valider": "Dossier validé : enregistré.",
        "form-piece": "Nouvelle pièce demandée : enregistré.",
        "form-compte": "Compte corrigé : enregistré.",
        "form-rejeter": "Dossier rejeté : enregistré."}


def decide(page: Page, form: str, **fields: str) -> None:
    """Fill and submit a form, then wait for the page that says it was recorded."""
    page.evaluate("document.getElementById('fait')?.remove()")
    for name, value in fields.items():
        control = page.locator(f"#{form} [name={name}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    page.locator(f"#{form} button[type=submit]").click()
    expect(page.locator("#fait")).to_have_text(DONE[form])
    settled(page)


def test_an_officer_filters_opens_decides_and_signs_out(page, staff_site):
    sign_in(page, staff_site)
    # Incomplete first, then the flagged dossiers; the clean one is not in the queue.
    expect(rows(page)).to_have_count(5)
    expect(rows(page).first).to_contain_text(INCOMPLETE)
    expect(page.locator("#resultats")).not_to_contain_text(CLEAN)

    page.select_option("select[name=code]", "SURNAME_MISMATCH")
    expect(rows(page)).to_have_count(2)
    expect(page).to_have_url(re.compile(r"code=SURNAME_MISMATCH"))
    # Every filter's counts follow the others.
    expect(page.locator("select[name=statut] option[value=a_traiter]")).to_have_text(
        "À traiter (2)")
    search(page, "montmorency-lzval")
    expect(rows(page)).to_have_count(1)

    open_dossier(page, SURNAME_TYPO)
    # The account's typo is highlighted against the printed zone of the card.
    difference = page.locator("#comparaison tr.difference", has_text="Nom de naissance")
    expect(difference.locator("td.compte mark")).to_have_text("Z")
    expect(difference.locator("td.document mark")).to_have_text("A")
    expect(page.locator(".motif", has_text="SURNAME_MISMATCH")).to_contain_text("LZVAL")
    expect(page.locator("img[alt='Bande MRZ']")).to_be_visible()

    decide(page, "form-attribution", assignee="1")  # Alice Agent
    expect(page.locator("#attribue-a")).to_have_text("Alice Agent")
    decide(page, "form-valider", comment="Vu avec la candidate")
    decide(page, "form-piece", slot="identite", reason="illisible", comment="Recto flou.")
    decide(page, "form-compte", field="birth_name", new_value="MONTMORENCY-LAVAL DE LA TOUR")
    decide(page, "form-rejeter")

    journal = page.locator("#journal tbody tr")
    expect(journal).to_have_count(5)
    # Newest first, each with who and before/after.
    expect(journal.nth(0)).to_contain_text("Dossier rejeté")
    expect(journal.nth(1)).to_contain_text(
        "Nom de naissance : MONTMORENCY-LZVAL DE LA TOUR")
    expect(journal.nth(1)).to_contain_text("Nom de naissance : MONTMORENCY-LAVAL DE LA TOUR")
    expect(journal.nth(2)).to_contain_text("Nouvelle pièce demandée")
    journal.nth(2).locator("summary").click()
    expect(journal.nth(2).locator(".message-candidat")).to_contain_text(
        "ne peut pas être acceptée : le document est illisible")
    expect(journal.nth(3)).to_contain_text("Vu avec la candidate")
    expect(journal.nth(4)).to_contain_text("Alice Agent")
    for row in range(5):
        expect(journal.nth(row)).to_contain_text("Bruno Superviseur")
    expect(page.locator("#statut")).to_have_text("Décidé")

    # A decided dossier leaves the "to do" queue and shows under "decided".
    page.click("a:has-text('← File d')")
    expect(page.locator("h1")).to_have_text("Dossiers à traiter")
    settled(page)
    expect(page.locator("#resultats")).not_to_contain_text(SURNAME_TYPO)
    page.select_option("select[name=statut]", "decide")
    expect(rows(page)).to_have_count(1)

    page.click("button:has-text('Se déconnecter')")
    expect(page).to_have_url(re.compile(r"/connexion$"))
    page.goto(staff_site.url + "/")
    expect(page).to_have_url(re.compile(r"/connexion"))


def test_an_incomplete_decision_is_explained_not_recorded(page, staff_site):
    sign_in(page, staff_site)
    open_dossier(page, GIVEN_TYPO)
    page.fill("#form-compte [name=new_value]", "Zoé, Chloé")
    page.locator("#form-compte [name=field]").evaluate("e => e.removeAttribute('required')")
    page.locator("#form-compte button[type=submit]").click()
    expect(page.locator("#erreur")).to_contain_text("Champ à corriger")
    expect(page.locator("#journal")).to_contain_text("Aucune action pour l'instant")


def test_keyboard_shortcuts_and_bulk_assignment(page, staff_site):
    sign_in(page, staff_site)
    boxes = page.locator("#resultats input[name=dossier]")
    boxes.nth(1).check()
    boxes.nth(2).check()
    page.select_option(".actions-groupees select[name=assignee]", "1")
    page.click(".actions-groupees button")
    expect(page.locator(".succes")).to_have_text("2 dossier(s) attribué(s).")
    settled(page)
    expect(rows(page).filter(has_text="Alice Agent")).to_have_count(2)
    page.select_option("select[name=assignee]", "1")
    expect(rows(page)).to_have_count(2)
    page.select_option("select[name=assignee]", "")
    expect(rows(page)).to_have_count(5)
    expect(page).not_to_have_url(re.compile(r"assignee=1"))

    first = rows(page).first.locator("td").nth(1).inner_text()
    second = rows(page).nth(1).locator("td").nth(1).inner_text()
    open_dossier(page, first)
    page.keyboard.press("j")
    expect(page.locator("h1 .numero")).to_have_text(second)
    settled(page)
    page.keyboard.press("k")
    expect(page.locator("h1 .numero")).to_have_text(first)
    settled(page)
    page.keyboard.press("a")
    expect(page.locator("#attribue-a")).to_have_text("Bruno Superviseur")
    page.keyboard.press("v")
    expect(page.locator("#statut")).to_have_text("Décidé")
    expect(page.locator("#journal tbody tr").first).to_contain_text("Dossier validé")


def test_an_agent_may_only_take_dossiers_for_themselves(page, staff_site):
    sign_in(page, staff_site, "agent1")
    open_dossier(page, UNSIGNED)
    # The unsigned récapitulatif: its fields against the account, its signature area cropped.
    expect(page.locator("#comparaison-recap tr", has_text="N° de candidat")).to_contain_text(
        UNSIGNED)
    expect(page.locator("figcaption", has_text="Signature : absente")).to_be_visible()
    expect(page.locator("img[alt='Zone de signature']")).to_be_visible()
    options = page.locator("#form-attribution select option")
    expect(options).to_have_count(1)
    decide(page, "form-attribution", assignee="moi")
    expect(page.locator("#attribue-a")).to_have_text("Alice Agent")
    page.click("nav a:has-text('Mes dossiers')")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text(UNSIGNED)


def test_a_name_with_markup_is_shown_as_text(page, staff_site):
    sign_in(page, staff_site)
    search(page, SCRIPTED)
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first.locator(".nom")).to_contain_text(SCRIPT_NAME)
    open_dossier(page, SCRIPTED)
    expect(page.locator("#nom-candidat")).to_contain_text(SCRIPT_NAME)
    expect(page.locator("#comparaison")).to_contain_text(SCRIPT_NAME)
    assert page.dialogs == []
    assert page.locator("main script").count() == 0


def test_a_rerun_keeps_a_decision_and_a_new_upload_reopens_it(page, staff_site, staff_seed,
                                                             tmp_path):
    sign_in(page, staff_site)
    open_dossier(page, UNSIGNED)
    decide(page, "form-valider", comment="Signature vue sur l'original")
    source = tmp_path / "dossiers"
    shutil.copytree(staff_seed[1], source)  # copy2 keeps modification times: same versions
    database_url = str(staff_site.context.engine.url)

    verify_batch(str(source), database_url=database_url)
    page.reload()
    expect(page.locator("#statut")).to_have_text("Décidé")

    recap = source / "pieces" / UNSIGNED / "recapitulatif"
    original = sorted(recap.iterdir())[0]
    shutil.copyfile(original, recap / f"nouveau{original.suffix}")
    summary = verify_batch(str(source), database_url=database_url)
    assert summary.verified == 1
    page.goto(staff_site.url + "/")
    settled(page)
    reopened = rows(page).filter(has_text=UNSIGNED)
    expect(reopened.locator(".statut")).to_have_text("Rouvert")
    open_dossier(page, UNSIGNED)
    expect(page.locator("#rouvert")).to_contain_text("1 fichier(s) nouveau(x) ou remplacé(s)")
    expect(page.locator("#journal tbody tr").first).to_contain_text(
        "Signature vue sur l'original")
