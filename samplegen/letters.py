"""PDF pieces drawn with reportlab: the récapitulatif d'inscription and the other attestations."""

import io
import random
from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from samplegen.fonts import sans
from samplegen.handwriting import signature_strokes

# Where the récapitulatif's signature box sits (points from the bottom-left of an A4 page).
SIGNATURE_BOX = (110 * mm, 40 * mm, 85 * mm, 35 * mm)


@dataclass(frozen=True)
class RecapContent:
    """What the registration platform prints on the récapitulatif."""

    candidate_id: str
    civility: str
    birth_name: str
    usage_name: str | None
    given_names: tuple[str, ...]
    birth_date: date
    specialty_code: str
    specialty: str
    options: tuple[str, ...]
    status: str
    handicap: bool
    printed_on: date


def recapitulatif_pdf(content: RecapContent, *, signed: bool, rng: random.Random,
                      password: str | None = None) -> bytes:
    """The récapitulatif as the platform prints it, signed by hand or not."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, encrypt=password, invariant=True)
    canvas.setTitle("Récapitulatif d'inscription")
    height = A4[1]
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawString(20 * mm, height - 25 * mm, "Récapitulatif d'inscription - BTS session 2026")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(20 * mm, height - 32 * mm, "Académie de Nantes - Candidat individuel")
    lines = [
        ("Numéro de candidat", content.candidate_id),
        ("Civilité", content.civility),
        ("Nom de naissance", content.birth_name),
        ("Nom d'usage", content.usage_name or ""),
        ("Prénoms", ", ".join(content.given_names)),
        ("Date de naissance", content.birth_date.strftime("%d/%m/%Y")),
        ("Spécialité", f"{content.specialty_code} - {content.specialty}"),
        ("Épreuves facultatives", ", ".join(content.options) or "aucune"),
        ("Statut", content.status),
        ("Handicap", "OUI" if content.handicap else "NON"),
    ]
    y = height - 50 * mm
    for label, value in lines:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(20 * mm, y, f"{label} :")
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawString(75 * mm, y, value)
        y -= 8 * mm
    canvas.setFont("Helvetica", 9)
    canvas.drawString(20 * mm, y - 6 * mm,
                      "Mes choix d'épreuves obligatoires et facultatives sont définitifs "
                      "après signature.")
    canvas.drawString(20 * mm, 30 * mm, f"Édité le {content.printed_on.strftime('%d/%m/%Y')}")
    bx, by, bw, bh = SIGNATURE_BOX
    canvas.setFont("Helvetica", 10)
    canvas.drawString(bx, by + bh + 3 * mm, "Signature du candidat")
    canvas.rect(bx, by, bw, bh)
    if signed:
        _sign(canvas, rng, bx, by, bw, bh)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _sign(canvas: Canvas, rng: random.Random, x: float, y: float, w: float, h: float) -> None:
    canvas.setStrokeColorRGB(0.05, 0.1, 0.45)  # blue ballpoint
    canvas.setLineWidth(rng.uniform(0.8, 1.4))
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for stroke in signature_strokes(rng, w, h):
        path = canvas.beginPath()
        path.moveTo(x + stroke[0][0], y + stroke[0][1])
        for px, py in stroke[1:]:
            path.lineTo(x + px, y + py)
        canvas.drawPath(path, stroke=1, fill=0)


def attestation_pdf(title: str, body: list[str], issuer: str) -> bytes:
    """A one-page attestation (JDC, relevé de notes, certificate) with a text layer."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(title)
    height = A4[1]
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawString(20 * mm, height - 20 * mm, issuer)
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawString(20 * mm, height - 45 * mm, title)
    canvas.setFont("Helvetica", 11)
    y = height - 65 * mm
    for line in body:
        canvas.drawString(20 * mm, y, line)
        y -= 7 * mm
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def letter_image(title: str, body: list[str]) -> Image.Image:
    """A printed A4 letter as a 150 dpi image, to be photographed or scanned."""
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    draw.text((100, 150), title, font=sans(40, bold=True), fill="black")
    for i, line in enumerate(body):
        draw.text((100, 260 + i * 60), line, font=sans(30), fill="black")
    return image
