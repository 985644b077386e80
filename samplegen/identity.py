"""Draw identity documents: the 2021 French ID card (TD1) and a passport data page (TD3)."""

import random

from PIL import Image, ImageDraw, ImageFilter

from samplegen.fonts import ocr_b, sans
from samplegen.mrz_compose import td1_lines, td3_lines
from samplegen.people import Person

# 300 dpi: a flatbed scan's usual resolution. An ID-1 card is 85.60 x 53.98 mm.
_CARD = (1011, 638)
_PASSPORT_PAGE = (1476, 1039)  # ID-3 page, 125 x 88 mm at 300 dpi


def _date(day: object) -> str:
    return day.strftime("%d %m %Y")  # type: ignore[attr-defined]


def _portrait(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int]) -> None:
    # A grey silhouette: documents carry a photo there, never a real face here.
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=(205, 210, 215))
    cx = (x0 + x1) // 2
    draw.ellipse((cx - 55, y0 + 40, cx + 55, y0 + 170), fill=(150, 155, 160))
    draw.pieslice((x0 + 15, y0 + 170, x1 - 15, y1 + 120), 180, 360, fill=(150, 155, 160))


def draw_cni_2021(person: Person) -> Image.Image:
    """Front of the credit-card-size French ID card with its three-line MRZ."""
    card = Image.new("RGB", _CARD, (226, 233, 240))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, _CARD[0], 70), fill=(30, 60, 130))
    draw.text((30, 18), "RÉPUBLIQUE FRANÇAISE", font=sans(28, bold=True), fill="white")
    draw.text((520, 24), "CARTE NATIONALE D'IDENTITÉ", font=sans(22, bold=True), fill="white")
    _portrait(draw, (30, 95, 300, 430))
    left = [
        ("NOM / Surname", person.surname.upper()),
        ("Prénoms / Given names", ", ".join(person.given_names)),
        ("DATE DE NAISS. / Date of birth", _date(person.birth_date)),
        ("LIEU DE NAISSANCE / Place of birth", person.birth_place),
    ]
    right = [
        ("SEXE / Sex", person.sex),
        ("NATIONALITÉ", person.nationality),
        ("N° DU DOCUMENT", person.document_number),
        ("DATE D'EXPIR. / Expiry", _date(person.expiry_date)),
    ]
    if person.usage_name:
        left.insert(1, ("Nom d'usage", f"ép. {person.usage_name.upper()}"))
    for x, fields in ((330, left), (760, right)):
        pitch = 350 // len(fields)
        for i, (label, value) in enumerate(fields):
            y = 88 + i * pitch
            draw.text((x, y), label, font=sans(15), fill=(70, 80, 100))
            draw.text((x, y + 20), value, font=sans(25, bold=True), fill=(10, 10, 10))
    draw.rectangle((0, 455, _CARD[0], _CARD[1]), fill=(240, 243, 246))
    for i, line in enumerate(td1_lines(person)):
        draw.text((38, 470 + i * 54), line, font=ocr_b(41), fill=(0, 0, 0))
    return card


def draw_passport_page(person: Person) -> Image.Image:
    """Data page of a passport with its two-line MRZ."""
    page = Image.new("RGB", _PASSPORT_PAGE, (236, 228, 238))
    draw = ImageDraw.Draw(page)
    draw.text((40, 25), "RÉPUBLIQUE FRANÇAISE  PASSEPORT / PASSPORT", font=sans(32, bold=True),
              fill=(90, 30, 80))
    _portrait(draw, (40, 100, 400, 560))
    fields = [
        ("Type / Type", "P"), ("Code du pays", person.nationality),
        ("Passeport n°", person.document_number),
        ("Nom / Surname", person.surname.upper()),
        ("Prénoms / Given names", ", ".join(person.given_names)),
        ("Nationalité", "Française"), ("Date de naissance", _date(person.birth_date)),
        ("Sexe", person.sex), ("Lieu de naissance", person.birth_place),
        ("Date de délivrance", _date(person.issue_date)),
        ("Date d'expiration", _date(person.expiry_date)),
    ]
    for i, (label, value) in enumerate(fields):
        x, y = 440 + (i % 2) * 500, 100 + (i // 2) * 95
        draw.text((x, y), label, font=sans(20), fill=(80, 60, 90))
        draw.text((x, y + 26), value, font=sans(32, bold=True), fill=(10, 10, 10))
    draw.rectangle((0, 820, _PASSPORT_PAGE[0], _PASSPORT_PAGE[1]), fill=(246, 242, 247))
    for i, line in enumerate(td3_lines(person)):
        draw.text((45, 855 + i * 80), line, font=ocr_b(52), fill=(0, 0, 0))
    return page


def as_phone_photo(document: Image.Image, rng: random.Random, angle: float = 4.0
                   ) -> Image.Image:
    """The document on a desk, slightly turned and a little blurred, as a phone sees it."""
    background = Image.new("RGB", (int(document.width * 1.5), int(document.height * 1.6)),
                           (120, 95, 70))
    noise = Image.effect_noise(background.size, 18).convert("RGB")
    background = Image.blend(background, noise, 0.15)
    # Rotating with an alpha channel keeps the corners the rotation uncovers transparent.
    turned = document.convert("RGBA").rotate(rng.uniform(-angle, angle), expand=True,
                                             resample=Image.Resampling.BICUBIC)
    offset = ((background.width - turned.width) // 2, (background.height - turned.height) // 2)
    background.paste(turned, offset, turned)
    return background.filter(ImageFilter.GaussianBlur(0.8))
