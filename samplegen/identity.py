"""Draw identity documents at 300 dpi: French ID cards, passport, residence permit, licence."""

import math
import random
from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from samplegen.fonts import ocr_b, sans
from samplegen.mrz_compose import fra_1988_lines, td1_lines, td3_lines
from samplegen.people import Person

# ID-1 cards are 85.60 x 53.98 mm; a passport page (ID-3) 125 x 88 mm; both at 300 dpi.
CARD = (1011, 638)
PASSPORT_PAGE = (1476, 1039)
# Room for a value: a card's values start a third of the way in; a passport's sit in two
# columns 510 px apart, and a full left value must still stand apart from the right one.
_CARD_VALUE_WIDTH = 660
_PASSPORT_COLUMN = 430


@dataclass(frozen=True)
class Address:
    """Home address printed on the back of ID cards."""

    street: str
    postal_code: str
    city: str


def _date(day: date, separator: str = " ") -> str:
    return day.strftime(f"%d{separator}%m{separator}%Y")


def _guilloche(image: Image.Image, rng: random.Random, color: tuple[int, int, int]) -> None:
    """Fine wavy security lines over the background, as printed documents have."""
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for k in range(0, height + 40, 9):
        phase, amplitude = rng.uniform(0, 6.3), rng.uniform(3, 9)
        points = [(x, k + amplitude * math.sin(x / 37 + phase)) for x in range(0, width, 6)]
        draw.line(points, fill=color, width=1)


def _canvas(size: tuple[int, int], colour: tuple[int, int, int],
            pattern: tuple[int, int, int], rng: random.Random
            ) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A blank document of that tint with its guilloche, and a pen to draw on it."""
    image = Image.new("RGB", size, colour)
    _guilloche(image, rng, pattern)
    return image, ImageDraw.Draw(image)


def _portrait(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int]) -> None:
    # A grey silhouette: documents carry a photo there, never a real face here.
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=(208, 212, 216))
    cx, h = (x0 + x1) // 2, y1 - y0
    draw.ellipse((cx - h // 6, y0 + h // 8, cx + h // 6, y0 + h // 2), fill=(140, 146, 152))
    draw.pieslice((x0 + 10, y0 + h // 2, x1 - 10, y1 + h // 3), 180, 360, fill=(140, 146, 152))


def _fitted(draw: ImageDraw.ImageDraw, value: str, size: int, width: int | None
            ) -> ImageFont.FreeTypeFont:
    """The bold font at that size, or smaller until the value fits the width.

    Documents print a long name smaller rather than cut it at the card's edge.
    """
    while width is not None and size > 12 and draw.textlength(
            value, font=sans(size, bold=True)) > width:
        size -= 1
    return sans(size, bold=True)


def _field(draw: ImageDraw.ImageDraw, xy: tuple[int, int], label: str, value: str,
           size: int = 25, width: int | None = None) -> None:
    draw.text(xy, label, font=sans(15), fill=(60, 72, 100))
    draw.text((xy[0], xy[1] + 19), value, font=_fitted(draw, value, size, width),
              fill=(12, 12, 18))


def _mrz(draw: ImageDraw.ImageDraw, lines: list[str], top: int, size: int, pitch: int,
         left: int = 36) -> None:
    for i, line in enumerate(lines):
        draw.text((left, top + i * pitch), line, font=ocr_b(size), fill=(8, 8, 8))


def cni_2021_front(person: Person, rng: random.Random) -> Image.Image:
    """Front of the credit-card-size French ID card: the printed zone, no MRZ."""
    card, draw = _canvas(CARD, (222, 233, 240), (198, 214, 228), rng)
    draw.text((250, 22), "RÉPUBLIQUE FRANÇAISE", font=sans(34, bold=True), fill=(28, 40, 110))
    draw.text((250, 64), "CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD", font=sans(21),
              fill=(28, 40, 110))
    draw.rectangle((880, 20, 985, 90), fill=(20, 50, 150))
    draw.text((905, 38), "FR", font=sans(28, bold=True), fill=(250, 220, 60))
    _portrait(draw, (40, 130, 300, 470))
    _field(draw, (330, 112), "NOM / Surname", person.surname.upper(), 28, _CARD_VALUE_WIDTH)
    _field(draw, (330, 172), "Prénoms / Given names", ", ".join(person.given_names),
           width=_CARD_VALUE_WIDTH)
    _field(draw, (330, 232), "SEXE / Sex", person.sex)
    _field(draw, (480, 232), "NATIONALITÉ / Nationality", person.nationality)
    _field(draw, (760, 232), "DATE DE NAISS. / Date of birth", _date(person.birth_date))
    _field(draw, (330, 292), "LIEU DE NAISSANCE / Place of birth", person.birth_place)
    _field(draw, (330, 352), "NOM D'USAGE / Alternate name",
           f"ép. {person.usage_name.upper()}" if person.usage_name else "")
    _field(draw, (330, 412), "N° DU DOCUMENT / Document No.", person.document_number)
    _field(draw, (760, 412), "DATE D'EXPIR. / Expiry date", _date(person.expiry_date))
    return card


def cni_2021_back(person: Person, address: Address, rng: random.Random) -> Image.Image:
    """Back of the 2021 card: address, issue date and the three-line MRZ."""
    card, draw = _canvas(CARD, (226, 236, 242), (200, 216, 230), rng)
    for i in range(14):  # a 2D barcode's worth of squares
        for j in range(14):
            if rng.random() < 0.5:
                draw.rectangle((50 + i * 11, 40 + j * 11, 60 + i * 11, 50 + j * 11), fill="black")
    _field(draw, (260, 30), "TAILLE / Height", f"1,{rng.randint(55, 92)} m", 24)
    _field(draw, (430, 30), "DATE DE DÉLIVRANCE / Date of issue", _date(person.issue_date), 24)
    draw.text((260, 95), "ADRESSE / Address", font=sans(15), fill=(60, 72, 100))
    for i, line in enumerate((address.street, f"{address.postal_code} {address.city.upper()}",
                              "FRANCE")):
        draw.text((260, 116 + i * 30), line, font=sans(22), fill=(12, 12, 18))
    draw.line((40, 320, 420, 320), fill=(40, 50, 140), width=6)
    draw.text((440, 306), "RÉPUBLIQUE FRANÇAISE", font=sans(22, bold=True), fill=(40, 50, 140))
    draw.line((760, 320, 975, 320), fill=(200, 40, 50), width=6)
    _mrz(draw, td1_lines(person, "ID"), top=382, size=44, pitch=78)
    return card


def cni_1988_front(person: Person, administrative_code: str, rng: random.Random
                   ) -> Image.Image:
    """Front of the laminated card (1988-2021): printed zone and the two-line MRZ."""
    card, draw = _canvas(CARD, (214, 232, 226), (190, 218, 210), rng)
    draw.rectangle((0, 0, CARD[0], 58), fill=(30, 60, 140))
    draw.text((30, 12), "RÉPUBLIQUE FRANÇAISE", font=sans(30, bold=True), fill="white")
    draw.text((30, 70), f"CARTE NATIONALE D'IDENTITÉ N° : {person.document_number}",
              font=sans(20, bold=True), fill=(20, 30, 80))
    draw.text((760, 70), "Nationalité Française", font=sans(18), fill=(20, 30, 80))
    _portrait(draw, (40, 110, 250, 380))
    rows = [("Nom :", person.surname.upper()), ("Prénom(s) :", ", ".join(person.given_names)),
            ("Sexe :", person.sex), ("Né(e) le :", _date(person.birth_date, ".")),
            ("à :", person.birth_place.upper()), ("Taille :", f"1M{rng.randint(55, 92)}")]
    if person.usage_name:
        rows.insert(1, ("Épouse :", person.usage_name.upper()))
    for i, (label, value) in enumerate(rows):
        draw.text((280, 112 + i * 40), label, font=sans(17), fill=(60, 72, 100))
        draw.text((400, 108 + i * 40), value, font=_fitted(draw, value, 25, CARD[0] - 420),
                  fill=(12, 12, 18))
    draw.text((280, 112 + len(rows) * 40), "Signature du titulaire :", font=sans(15),
              fill=(60, 72, 100))
    draw.rectangle((0, 452, CARD[0], CARD[1]), fill=(238, 244, 242))
    _mrz(draw, fra_1988_lines(person, administrative_code), top=478, size=36, pitch=72,
         left=26)
    return card


def cni_1988_back(person: Person, address: Address, printed_expiry: date, authority: str,
                  rng: random.Random) -> Image.Image:
    """Back of the laminated card: address, issue date, and the validity it states."""
    card, draw = _canvas(CARD, (216, 232, 228), (192, 218, 212), rng)
    rows = [("Adresse :", address.street),
            ("", f"{address.postal_code} {address.city.upper()}"),
            ("Carte valable jusqu'au :", _date(printed_expiry, ".")),
            ("délivrée le :", _date(person.issue_date, ".")),
            ("par :", authority)]
    for i, (label, value) in enumerate(rows):
        draw.text((60, 80 + i * 60), label, font=sans(19), fill=(60, 72, 100))
        draw.text((340, 76 + i * 60), value, font=sans(25, bold=True), fill=(12, 12, 18))
    draw.text((60, 420), "Signature de l'autorité :", font=sans(17), fill=(60, 72, 100))
    draw.ellipse((700, 380, 900, 560), outline=(90, 60, 140), width=4)  # the stamp
    draw.text((735, 455), "PRÉFECTURE", font=sans(20, bold=True), fill=(90, 60, 140))
    return card


def passport_page(person: Person, rng: random.Random) -> Image.Image:
    """Data page of a French passport with its two-line MRZ."""
    page, draw = _canvas(PASSPORT_PAGE, (236, 226, 238), (222, 206, 226), rng)
    draw.text((40, 25), "RÉPUBLIQUE FRANÇAISE", font=sans(34, bold=True), fill=(90, 30, 80))
    draw.text((760, 32), "PASSEPORT / PASSPORT", font=sans(30, bold=True), fill=(90, 30, 80))
    _portrait(draw, (40, 110, 400, 580))
    fields = [
        ("Type / Type", "P"), ("Code du pays / Country code", "FRA"),
        ("Passeport n° / Passport No.", person.document_number),
        ("Nom / Surname", person.surname.upper()),
        ("Prénoms / Given names", ", ".join(person.given_names)),
        ("Nationalité / Nationality", "Française"),
        ("Date de naissance / Date of birth", _date(person.birth_date)),
        ("Sexe / Sex", person.sex), ("Lieu de naissance / Place of birth", person.birth_place),
        ("Date de délivrance / Date of issue", _date(person.issue_date)),
        ("Date d'expiration / Date of expiry", _date(person.expiry_date)),
        ("Nom d'usage", person.usage_name.upper() if person.usage_name else ""),
    ]
    for i, (label, value) in enumerate(fields):
        x, y = 440 + (i % 2) * 510, 105 + (i // 2) * 110
        _field(draw, (x, y), label, value, 32, _PASSPORT_COLUMN)
    draw.rectangle((0, 820, PASSPORT_PAGE[0], PASSPORT_PAGE[1]), fill=(246, 240, 247))
    _mrz(draw, td3_lines(person), top=858, size=43, pitch=80, left=38)
    return page


def residence_permit_front(person: Person, rng: random.Random) -> Image.Image:
    """Front of a French residence permit (titre de séjour)."""
    card, draw = _canvas(CARD, (232, 228, 214), (216, 210, 190), rng)
    draw.text((40, 20), "TITRE DE SÉJOUR", font=sans(34, bold=True), fill=(80, 60, 20))
    draw.text((40, 64), "RÉPUBLIQUE FRANÇAISE - RESIDENCE PERMIT", font=sans(18),
              fill=(80, 60, 20))
    _portrait(draw, (40, 120, 290, 450))
    _field(draw, (320, 110), "NOM / Surname", person.surname.upper(), 28, _CARD_VALUE_WIDTH)
    _field(draw, (320, 170), "Prénoms / Given names", ", ".join(person.given_names),
           width=_CARD_VALUE_WIDTH)
    _field(draw, (320, 230), "SEXE / Sex", person.sex)
    _field(draw, (470, 230), "NATIONALITÉ", person.nationality)
    _field(draw, (700, 230), "DATE DE NAISS.", _date(person.birth_date))
    _field(draw, (320, 290), "TYPE DE TITRE", "CARTE DE SÉJOUR TEMPORAIRE")
    _field(draw, (320, 350), "N° DU TITRE", person.document_number)
    _field(draw, (700, 350), "VALABLE JUSQU'AU", _date(person.expiry_date))
    return card


def residence_permit_back(person: Person, rng: random.Random) -> Image.Image:
    """Back of the residence permit with its three-line MRZ (document code IR)."""
    card, draw = _canvas(CARD, (234, 230, 218), (218, 212, 194), rng)
    _field(draw, (40, 40), "LIEU DE NAISSANCE", f"{person.birth_place} ({person.birth_country})")
    _field(draw, (40, 110), "DATE DE DÉLIVRANCE", _date(person.issue_date))
    draw.text((40, 180), "REMARQUES : AUTORISE SON TITULAIRE À TRAVAILLER", font=sans(18),
              fill=(60, 50, 30))
    _mrz(draw, td1_lines(person, "IR"), top=382, size=44, pitch=78)
    return card


def driving_licence(person: Person, rng: random.Random) -> Image.Image:
    """A French driving licence: an identity piece the exam office does not accept."""
    card, draw = _canvas(CARD, (240, 214, 222), (228, 190, 204), rng)
    draw.text((40, 20), "PERMIS DE CONDUIRE", font=sans(36, bold=True), fill=(120, 30, 60))
    draw.text((40, 66), "RÉPUBLIQUE FRANÇAISE", font=sans(20), fill=(120, 30, 60))
    _portrait(draw, (40, 120, 290, 450))
    rows = [f"1. {person.surname.upper()}", f"2. {' '.join(person.given_names).upper()}",
            f"3. {_date(person.birth_date, '.')} {person.birth_place.upper()}",
            f"4a. {_date(person.issue_date, '.')}   4b. {_date(person.expiry_date, '.')}",
            f"5. {rng.randint(10**11, 10**12 - 1)}", "9. B"]
    for i, row in enumerate(rows):
        draw.text((320, 120 + i * 52), row, font=sans(26, bold=True), fill=(20, 20, 30))
    return card
