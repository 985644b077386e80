"""Printed pieces drawn with reportlab: the récapitulatif d'inscription and attestations."""

import io
import random
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pypdfium2
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from samplegen.fonts import sans
from samplegen.handwriting import fitted_strokes

# Where the récapitulatif's signature box sits (points from the bottom-left of an A4 page).
SIGNATURE_BOX = (110 * mm, 40 * mm, 85 * mm, 35 * mm)
_POINTS_PER_INCH = 72


class Signing(StrEnum):
    """What the candidate put in the box "Signature du candidat"."""

    NONE = "none"  # the untouched PDF, or printed and not signed
    IN_BOX = "in_box"  # a handwritten signature inside the box
    OVERFLOW = "overflow"  # a handwritten signature running over the box's edges
    TYPED_NAME = "typed_name"  # the name typed in the box: not a signature


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


def recapitulatif_pdf(content: RecapContent, *, signing: Signing, rng: random.Random,
                      password: str | None = None) -> bytes:
    """The récapitulatif as the platform prints it.

    A signature, if any, is drawn as vectors: a tablet signature, or a signature image pasted
    into the PDF.
    """
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
    if signing in (Signing.IN_BOX, Signing.OVERFLOW):
        overflow = signing is Signing.OVERFLOW
        _sign_vector(canvas, rng, *_signing_area(overflow), fill=_fill(rng, overflow))
    elif signing is Signing.TYPED_NAME:
        canvas.setFont("Helvetica", 12)
        canvas.drawString(bx + 8 * mm, by + bh / 2,
                          f"{' '.join(content.given_names[:1])} {content.birth_name}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _signing_area(overflow: bool) -> tuple[float, float, float, float]:
    """Where the pen moves, in points from the page's bottom-left.

    The box itself, or an area that starts inside it and runs past its right and bottom edges.
    """
    bx, by, bw, bh = SIGNATURE_BOX
    if overflow:
        return bx + 0.35 * bw, by - 0.45 * bh, 1.0 * bw, 1.35 * bh
    return bx + 0.05 * bw, by + 0.05 * bh, 0.9 * bw, 0.9 * bh


def _fill(rng: random.Random, overflow: bool) -> float:
    # In the box a signature spans half to nine tenths of it; over it, the whole area.
    return 1.0 if overflow else rng.uniform(0.5, 0.9)


def _sign_vector(canvas: Canvas, rng: random.Random, x: float, y: float, w: float, h: float,
                 fill: float) -> None:
    canvas.setStrokeColorRGB(*rng.choice([(0.05, 0.1, 0.45), (0.05, 0.05, 0.08)]))
    canvas.setLineWidth(rng.uniform(0.8, 1.6))
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for stroke in fitted_strokes(rng, w, h, fill):
        path = canvas.beginPath()
        path.moveTo(x + stroke[0][0], y + stroke[0][1])
        for px, py in stroke[1:]:
            path.lineTo(x + px, y + py)
        canvas.drawPath(path, stroke=1, fill=0)


def render_page(pdf: bytes, dpi: int) -> Image.Image:
    """The PDF's first page as an image, as a printer would put it on paper."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].render(scale=dpi / _POINTS_PER_INCH).to_pil().convert("RGB")
    finally:
        document.close()


def sign_on_paper(page: Image.Image, dpi: int, rng: random.Random, overflow: bool) -> Image.Image:
    """The printed page signed with a pen in (or over) the signature box."""
    left, y, width, height = (v * dpi / _POINTS_PER_INCH for v in _signing_area(overflow))
    bottom = page.height - y
    signed = page.copy()
    draw = ImageDraw.Draw(signed)
    ink = rng.choice([(20, 30, 120), (15, 15, 20), (30, 40, 90)])
    pen = max(2, round(dpi / 100 * rng.uniform(1.0, 2.0)))
    for stroke in fitted_strokes(rng, width, height, _fill(rng, overflow)):
        # Strokes come with y upwards from the box's bottom; images count y downwards.
        points = [(left + px, bottom - py) for px, py in stroke]
        draw.line(points, fill=ink, width=pen, joint="curve")
    return signed


def attestation_pdf(title: str, body: list[str], issuer: str, password: str | None = None
                    ) -> bytes:
    """A one-page attestation (JDC, relevé de notes, certificate) with a text layer."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, encrypt=password, invariant=True)
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
