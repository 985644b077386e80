"""The bundled sample dossiers (sample_docs/dossiers): one per rule the pipeline applies.

Each scenario states the findings it plants; labels.json is written from those statements,
never from a pipeline run, so that comparing the two measures the pipeline.
"""

import csv
import io
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pillow_heif
from PIL import Image

from samplegen.identity import as_phone_photo, draw_cni_2021, draw_passport_page
from samplegen.letters import RecapContent, attestation_pdf, letter_image, recapitulatif_pdf
from samplegen.people import Person

PARIS = ZoneInfo("Europe/Paris")
SPECIALTIES = {
    "NDRC": "Négociation et digitalisation de la relation client",
    "MCO": "Management commercial opérationnel",
    "SIO": "Services informatiques aux organisations",
    "CG": "Comptabilité et gestion",
}
ACCOUNT_COLUMNS = (
    "candidate_id", "session", "exam", "specialty_code", "specialty", "managing_academy",
    "civility", "birth_name", "usage_name", "given_names", "birth_date", "birth_place",
    "birth_country", "nationality", "email", "postal_code", "city", "status", "handicap",
    "options", "pieces_confirmed_at", "registered_at",
)


@dataclass
class Scenario:
    """One dossier: who, what they uploaded where, and what the pipeline should find."""

    candidate_id: str
    person: Person
    status: str
    specialty_code: str = "NDRC"
    postal_code: str = "44000"
    city: str = "Nantes"
    handicap: bool = False
    options: tuple[str, ...] = ()
    managing_academy: str = "NANTES"
    confirmed_at: datetime | None = datetime(2025, 11, 14, 20, 30, tzinfo=PARIS)
    # slot -> list of (file name, kind); kinds are built by _render
    uploads: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    late: frozenset[str] = frozenset()  # file names uploaded after the deadline
    expected_verdict: str = "ok"
    expected_findings: list[tuple[str, str | None]] = field(default_factory=list)
    exercises: str = ""


def scenarios() -> list[Scenario]:
    """The bundled dossiers, in accounts.csv order."""
    id_recap = {"identite": [("cni_recto.jpg", "cni_photo")],
                "recapitulatif": [("recapitulatif_signe.pdf", "recap_signed")]}
    return [
        Scenario("02600000001", Person("Le Goff", ("Marie", "Élodie"), "F", date(1993, 3, 12),
                                       "Nantes"), "cned",
                 uploads={**id_recap, "experience": [("attestation_cned.pdf", "cned")]},
                 exercises="dossier complet et conforme (CNED, 32 ans : pas de JDC)"),
        Scenario("02600000002", Person("Moreau", ("Lucas",), "M", date(2003, 7, 1), "Angers"),
                 "ajourne", postal_code="49100", city="Angers",
                 uploads={**id_recap, "jdc": [("certificat_jdc.pdf", "jdc")]},
                 expected_verdict="incomplete",
                 expected_findings=[("PIECE_MISSING", "releve_notes")],
                 exercises="ajourné de 22 ans : relevé de notes manquant"),
        Scenario("02600000003", Person("Nguyen", ("Thi", "Lan"), "F", date(1990, 1, 25),
                                       "Le Mans"), "individuel", postal_code="72000",
                 city="Le Mans", confirmed_at=None,
                 uploads={**id_recap, "experience": [("certificat_travail.pdf", "work")]},
                 expected_verdict="incomplete",
                 expected_findings=[("PIECES_NOT_CONFIRMED", None)],
                 exercises="pièces déposées mais dépôt jamais confirmé"),
        Scenario("02600000004", Person("Dubois", ("Camille",), "F", date(1988, 11, 3),
                                       "Paris"), "cned", postal_code="75011", city="Paris",
                 uploads={**id_recap, "experience": [("attestation_cned.pdf", "cned")]},
                 expected_verdict="review",
                 expected_findings=[("RESIDENCE_OUT_OF_AREA", None)],
                 exercises="domicile à Paris, hors académie"),
        Scenario("02600000005", Person("Martin", ("Hugo",), "M", date(1985, 5, 19), "Laval"),
                 "cned", postal_code="53000", city="Laval",
                 uploads={"identite": [("cni.jpg", "truncated_jpeg")],
                          "recapitulatif": [("recapitulatif.pdf", "recap_encrypted")],
                          "experience": [("attestation.pdf", "not_a_document")]},
                 expected_verdict="incomplete",
                 expected_findings=[("FILE_UNREADABLE", "identite"),
                                    ("FILE_UNREADABLE", "recapitulatif"),
                                    ("FILE_UNREADABLE", "experience")],
                 exercises="photo tronquée, PDF protégé par mot de passe, texte nommé .pdf"),
        Scenario("02600000006", Person("Bernard", ("Léa", "Anne"), "F", date(1979, 9, 30),
                                       "La Roche-sur-Yon"), "individuel", postal_code="85000",
                 city="La Roche-sur-Yon",
                 uploads={**id_recap, "experience": [("certificat_travail.pdf", "work")]},
                 late=frozenset({"certificat_travail.pdf"}),
                 expected_findings=[("LATE_UPLOAD", "experience")],
                 exercises="une pièce déposée après la date limite (information seule)"),
        Scenario("02600000007", Person("Petit", ("Jules",), "M", date(1996, 2, 14),
                                       "Saint-Nazaire", document_number="20AB12345"),
                 "cned", postal_code="44600", city="Saint-Nazaire", handicap=True,
                 uploads={"identite": [("passeport.png", "passport")],
                          "recapitulatif": [("recapitulatif_signe.pdf", "recap_signed")],
                          "experience": [("attestation_cned.pdf", "cned")],
                          "amenagement": [("decision_amenagement.heic", "amenagement_heic")]},
                 exercises="handicap : décision d'aménagement en photo HEIC, passeport en PNG"),
        Scenario("02600000008", Person("Roux", ("Manon",), "F", date(1999, 6, 8), "Cholet"),
                 "cned", specialty_code="SIO", managing_academy="RENNES",
                 postal_code="49300", city="Cholet",
                 uploads={**id_recap, "experience": [("attestation_cned.pdf", "cned")]},
                 expected_verdict="review",
                 expected_findings=[("ROUTED_OTHER_ACADEMY", None)],
                 exercises="spécialité gérée par une autre académie : à transmettre"),
        Scenario("02600000009", Person("Garnier", ("Théo",), "M", date(2004, 4, 2), "Nantes"),
                 "ajourne", handicap=True, options=("LV2-ESP",),
                 uploads={**id_recap, "jdc": [("jdc.pdf", "jdc")],
                          "releve_notes": [("releve_2025.pdf", "releve")]},
                 exercises="ajourné avec handicap : garde ses aménagements, pas de décision"),
        Scenario("02600000010", Person("Fontaine", ("Inès",), "F", date(1991, 12, 24),
                                       "Nantes"), "individuel",
                 expected_verdict="incomplete",
                 expected_findings=[("PIECE_MISSING", "identite"),
                                    ("PIECE_MISSING", "recapitulatif"),
                                    ("PIECE_MISSING", "experience")],
                 exercises="confirmé sans aucune pièce"),
    ]


def _recap(s: Scenario) -> RecapContent:
    p = s.person
    return RecapContent(
        candidate_id=s.candidate_id, civility="MME" if p.sex == "F" else "M",
        birth_name=p.surname.upper(), usage_name=p.usage_name, given_names=p.given_names,
        birth_date=p.birth_date, specialty_code=s.specialty_code,
        specialty=SPECIALTIES[s.specialty_code], options=s.options, status=s.status,
        handicap=s.handicap, printed_on=date(2025, 10, 20))


def _jpeg(image: Image.Image, quality: int = 85) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _render(kind: str, s: Scenario, rng: random.Random) -> bytes:
    p = s.person
    name = f"{' '.join(p.given_names)} {p.surname.upper()}"
    if kind == "cni_photo":
        return _jpeg(as_phone_photo(draw_cni_2021(p), rng))
    if kind == "truncated_jpeg":
        data = _jpeg(as_phone_photo(draw_cni_2021(p), rng))
        return data[: len(data) * 2 // 5]  # the upload stopped part-way
    if kind == "passport":
        buffer = io.BytesIO()
        draw_passport_page(p).save(buffer, "PNG", optimize=True)
        return buffer.getvalue()
    if kind == "recap_signed":
        return recapitulatif_pdf(_recap(s), signed=True, rng=rng)
    if kind == "recap_encrypted":
        return recapitulatif_pdf(_recap(s), signed=True, rng=rng, password="1234")
    if kind == "not_a_document":
        return b"Attestation de formation : voir courrier joint.\n"
    if kind == "cned":
        return attestation_pdf("Certificat de scolarité", [
            f"Le CNED certifie que {name}, né(e) le {p.birth_date:%d/%m/%Y},",
            f"est inscrit(e) en formation BTS {s.specialty_code} pour l'année 2025-2026."],
            "CNED - Centre national d'enseignement à distance")
    if kind == "work":
        return attestation_pdf("Certificat de travail", [
            f"Nous certifions que {name} est employé(e) dans notre entreprise",
            "depuis le 1er septembre 2022 en qualité d'assistant(e) commercial(e)."],
            "SARL Atlantique Services - 44000 Nantes")
    if kind == "jdc":
        return attestation_pdf("Certificat individuel de participation à la JDC", [
            f"{name}, né(e) le {p.birth_date:%d/%m/%Y} à {p.birth_place},",
            "a participé à la Journée défense et citoyenneté le 12/03/2021."],
            "Ministère des Armées - Direction du service national et de la jeunesse")
    if kind == "releve":
        return attestation_pdf("Relevé de notes - session 2025", [
            f"Candidat : {name} - BTS {s.specialty_code}",
            "Moyenne générale : 8,75 / 20 - Décision : ajourné(e)"],
            "Rectorat de l'académie de Nantes - DEC")
    if kind == "amenagement_heic":
        image = letter_image("Décision d'aménagement des conditions d'examen", [
            f"Candidat : {name}", "Temps majoré d'un tiers pour les épreuves écrites."])
        buffer = io.BytesIO()
        pillow_heif.from_pillow(as_phone_photo(image, rng, angle=2.0)).save(buffer, quality=60)
        return buffer.getvalue()
    raise ValueError(f"unknown piece kind {kind}")


def _account_row(s: Scenario) -> dict[str, str]:
    p = s.person
    return {
        "candidate_id": s.candidate_id, "session": "2026", "exam": "BTS",
        "specialty_code": s.specialty_code, "specialty": SPECIALTIES[s.specialty_code],
        "managing_academy": s.managing_academy, "civility": "MME" if p.sex == "F" else "M",
        "birth_name": p.surname.upper(), "usage_name": (p.usage_name or "").upper(),
        "given_names": ", ".join(p.given_names), "birth_date": p.birth_date.isoformat(),
        "birth_place": p.birth_place, "birth_country": "FRANCE", "nationality": p.nationality,
        "email": f"candidat{s.candidate_id[-3:]}@example.org", "postal_code": s.postal_code,
        "city": s.city, "status": s.status, "handicap": "1" if s.handicap else "0",
        "options": ";".join(s.options),
        "pieces_confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else "",
        "registered_at": "2025-10-09T10:00:00+02:00",
    }


def build(out: Path, seed: int = 2026) -> None:
    """Write accounts.csv, uploads.csv, pieces/ and labels.json under `out`."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    items = scenarios()
    with (out / "accounts.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=ACCOUNT_COLUMNS)
        writer.writeheader()
        writer.writerows(_account_row(s) for s in items)
    uploads = []
    for s in items:
        for slot, files in s.uploads.items():
            for filename, kind in files:
                key = f"pieces/{s.candidate_id}/{slot}/{filename}"
                path = out / key
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(_render(kind, s, rng))
                when = (datetime(2025, 11, 21, 9, 15, tzinfo=PARIS) if filename in s.late
                        else datetime(2025, 11, 14, 20, 10, tzinfo=PARIS))
                uploads.append({"path": key, "uploaded_at": when.isoformat()})
    # Pieces of a candidate absent from accounts.csv (an account deleted after uploading).
    orphan = out / "pieces/02600000099/identite/cni.jpg"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(_jpeg(draw_cni_2021(Person("Orphelin", ("Anonyme",), "M",
                                                  date(1990, 1, 1), "Nantes")), 70))
    with (out / "uploads.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=("path", "uploaded_at"))
        writer.writeheader()
        writer.writerows(uploads)
    _write_readme(out.parent, items)
    labels = {s.candidate_id: {
        "verdict": s.expected_verdict,
        "findings": [{"code": code, "slot": slot} for code, slot in s.expected_findings],
        "exercises": s.exercises,
    } for s in items}
    (out.parent / "labels.json").write_text(
        json.dumps(labels, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


_KIND_ORIGINS = {
    "cni_photo": "carte d'identité 2021 dessinée (MRZ TD1 valide), photographiée de biais",
    "truncated_jpeg": "même photo coupée aux 2/5 (envoi interrompu)",
    "passport": "page de passeport dessinée (MRZ TD3 valide), PNG",
    "recap_signed": "récapitulatif PDF avec couche texte, signature manuscrite vectorielle",
    "recap_encrypted": "récapitulatif PDF protégé par le mot de passe « 1234 »",
    "not_a_document": "fichier texte nommé .pdf",
    "cned": "certificat de scolarité CNED, PDF texte",
    "work": "certificat de travail, PDF texte",
    "jdc": "certificat de participation à la JDC, PDF texte",
    "releve": "relevé de notes 2025, PDF texte",
    "amenagement_heic": "décision d'aménagement photographiée, HEIC",
}


def _write_readme(root: Path, items: list[Scenario]) -> None:
    lines = [
        "# Sample dossiers",
        "",
        "Synthetic dossiers (no real person) in the layout of CONTRACT.md, made by",
        "`python -m samplegen.foundation sample_docs` (seeded, reproducible). `labels.json`",
        "holds each dossier's expected verdict and findings, written from what each scenario",
        "plants, never from a pipeline run. `dossiers/uploads.csv` gives upload times; one",
        "file arrives after the deadline. `pieces/02600000099/` has no account row (orphan).",
        "",
        "| candidate | exercises | files (slot/file: what it is) | expected verdict | "
        "expected findings |",
        "|---|---|---|---|---|",
    ]
    for s in items:
        files = "<br>".join(f"{slot}/{name}: {_KIND_ORIGINS[kind]}"
                            for slot, entries in s.uploads.items() for name, kind in entries)
        findings = ", ".join(f"{code} ({slot})" if slot else code
                             for code, slot in s.expected_findings) or "none"
        lines.append(f"| {s.candidate_id} | {s.exercises} | {files or 'none'} | "
                     f"{s.expected_verdict} | {findings} |")
    (root / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "sample_docs")
    build(target / "dossiers")
