"""Render one planned piece to the bytes a candidate would upload."""

import io
import random
from dataclasses import dataclass, field
from datetime import date

import pillow_heif
from PIL import Image, ImageFilter

from samplegen.capture import (
    PhotoStyle,
    flatbed_scan,
    low_resolution,
    pdf_of_images,
    phone_photo,
    save_jpeg,
    save_png,
)
from samplegen.identity import (
    Address,
    cni_1988_back,
    cni_1988_front,
    cni_2021_back,
    cni_2021_front,
    driving_licence,
    passport_page,
    residence_permit_back,
    residence_permit_front,
)
from samplegen.letters import (
    RecapContent,
    Signing,
    attestation_pdf,
    letter_image,
    recapitulatif_pdf,
    render_page,
    sign_on_paper,
)
from samplegen.people import Person

# Scanners and printers at the resolutions candidates' devices use.
_SCAN_DPI = 150
_PRINT_DPI = 150


@dataclass
class IdentityDoc:
    """An identity document to draw: its kind, holder and what only some kinds print."""

    kind: str  # cni_2021 | cni_1988 | passport | residence_permit | driving_licence
    person: Person
    address: Address
    administrative_code: str = ""
    printed_expiry: date | None = None  # what an old card prints, when it is not the truth
    authority: str = "PRÉFECTURE DE LOIRE-ATLANTIQUE"

    def sides(self, rng: random.Random) -> list[Image.Image]:
        """The document's faces, the one with the MRZ last."""
        p = self.person
        if self.kind == "cni_2021":
            return [cni_2021_front(p, rng), cni_2021_back(p, self.address, rng)]
        if self.kind == "cni_1988":
            printed = self.printed_expiry or p.expiry_date
            return [cni_1988_back(p, self.address, printed, self.authority, rng),
                    cni_1988_front(p, self.administrative_code, rng)]
        if self.kind == "passport":
            return [passport_page(p, rng)]
        if self.kind == "residence_permit":
            return [residence_permit_front(p, rng), residence_permit_back(p, rng)]
        if self.kind == "driving_licence":
            return [driving_licence(p, rng)]
        raise ValueError(f"unknown identity document {self.kind}")


@dataclass
class PieceSpec:
    """One planned upload: what it is, how it was captured, under which name, and damage."""

    slot: str
    kind: str  # identity | recap | jdc | releve | scolarite | travail | amenagement | cv
    capture: str
    filename: str
    broken: str | None = None  # truncated | encrypted | not_a_document | empty
    late: bool = False
    # Set for identity and recap pieces.
    identity: IdentityDoc | None = None
    recap: RecapContent | None = None
    signing: Signing = Signing.IN_BOX
    letter: tuple[str, list[str], str] | None = None  # title, body, issuer
    extra: dict[str, str] = field(default_factory=dict)


def _photo_style(capture: str, rng: random.Random) -> PhotoStyle:
    turns = {"photo_rotated": rng.choice((1, 2, 3))}.get(capture, 0)
    if capture == "photo_blurred_dark":
        return PhotoStyle(angle=rng.uniform(-6, 6), blur=6.0, noise=14, light=0.9,
                          long_side=900)
    if capture == "photo_clean":
        return PhotoStyle(angle=rng.uniform(-3, 3), perspective=0.03, blur=0.5, light=0.15)
    return PhotoStyle(quarter_turns=turns, angle=rng.uniform(-12, 12),
                      perspective=rng.uniform(0.03, 0.14), blur=rng.uniform(0.4, 1.6),
                      noise=rng.uniform(2, 7), light=rng.uniform(0.1, 0.6),
                      long_side=rng.choice((1200, 1400, 1600)))


def _darken(image: Image.Image) -> Image.Image:
    return Image.eval(image, lambda v: int(v * 0.35)).filter(ImageFilter.GaussianBlur(1))


def _image_bytes(image: Image.Image, capture: str, rng: random.Random) -> bytes:
    if capture == "photo_exif":
        return save_jpeg(image, rng.randint(70, 85), exif_orientation=rng.choice((3, 6, 8)))
    if capture == "low_res":
        return save_jpeg(low_resolution(image, rng.choice((640, 720, 800))), 70)
    if capture == "heic":
        buffer = io.BytesIO()
        pillow_heif.from_pillow(image).save(buffer, quality=55)
        return buffer.getvalue()
    if capture == "png":
        return save_png(low_resolution(image, 1200))
    if capture == "photo_blurred_dark":
        return save_jpeg(_darken(image), 55)
    return save_jpeg(image, rng.randint(68, 85))


# Captures that upload every side of the document; the others photograph the MRZ side only.
_ALL_SIDES = frozenset({"scan_one_page", "scan_two_pages", "photo_both_sides"})


def printed_zone_uploaded(kind: str, captures: set[str]) -> bool:
    """Whether the uploaded files show the names' side (render_identity's choice of sides)."""
    if kind in ("cni_1988", "passport", "driving_licence"):
        return True  # names and MRZ on one side
    return bool(captures & _ALL_SIDES)


def hidden_printed_fields(kind: str, captures: set[str]) -> frozenset[str]:
    """Printed fields of the document that its uploaded files do not show.

    The 1988 card prints its expiry on the back, uploaded only with both sides; the
    residence permit prints no usage name (identity.residence_permit_front).
    """
    hidden = set()
    if kind == "cni_1988" and not captures & _ALL_SIDES:
        hidden.add("expiry_date")
    if kind == "residence_permit":
        hidden.add("usage_name")
    return frozenset(hidden)


def render_identity(spec: PieceSpec, rng: random.Random) -> list[tuple[str, bytes]]:
    """The identity piece as files: one per photographed side, or one scan."""
    assert spec.identity is not None
    sides = spec.identity.sides(rng)
    stem, _, _ = spec.filename.rpartition(".")
    if spec.capture == "scan_one_page":
        page = flatbed_scan([sides], rng, _SCAN_DPI, grey=rng.random() < 0.3)
        return [(spec.filename, pdf_of_images(page, _SCAN_DPI))]
    if spec.capture == "scan_two_pages":
        pages = flatbed_scan([[side] for side in sides], rng, _SCAN_DPI)
        return [(spec.filename, pdf_of_images(pages, _SCAN_DPI))]
    if spec.capture == "photo_both_sides" and len(sides) > 1:
        names = [f"{stem}_recto.jpg", f"{stem}_verso.jpg"]
        return [(name, _image_bytes(phone_photo(side, rng, _photo_style("photo", rng)),
                                    "photo", rng))
                for name, side in zip(names, sides, strict=False)]
    # One photo of the side with the MRZ, captured as planned.
    photo = phone_photo(sides[-1], rng, _photo_style(spec.capture, rng))
    return [(spec.filename, _image_bytes(photo, spec.capture, rng))]


def render_recap(spec: PieceSpec, rng: random.Random) -> bytes:
    """The récapitulatif: the digital PDF, or printed, signed with a pen, scanned or shot."""
    assert spec.recap is not None
    if spec.capture == "digital" or spec.broken == "encrypted":
        return recapitulatif_pdf(spec.recap, signing=spec.signing, rng=rng,
                                 password="0000" if spec.broken == "encrypted" else None)
    typed = spec.signing is Signing.TYPED_NAME
    page = render_page(recapitulatif_pdf(spec.recap, signing=Signing.TYPED_NAME if typed
                                         else Signing.NONE, rng=rng), _PRINT_DPI)
    if spec.signing in (Signing.IN_BOX, Signing.OVERFLOW):
        page = sign_on_paper(page, _PRINT_DPI, rng, overflow=spec.signing is Signing.OVERFLOW)
    if spec.capture == "scan":
        return pdf_of_images(flatbed_scan([[page]], rng, _SCAN_DPI, grey=rng.random() < 0.4,
                                          drawn_dpi=_PRINT_DPI), _SCAN_DPI)
    return _image_bytes(phone_photo(page, rng, _photo_style(spec.capture, rng)), spec.capture,
                        rng)


def render_letter(spec: PieceSpec, rng: random.Random) -> bytes:
    """An attestation: the PDF the issuer sent, or a photo of the printed letter."""
    assert spec.letter is not None
    title, body, issuer = spec.letter
    if spec.capture == "digital" or spec.broken == "encrypted":
        return attestation_pdf(title, body, issuer,
                               password="0000" if spec.broken == "encrypted" else None)
    image = letter_image(title, [issuer, "", *body])
    if spec.capture == "scan":
        return pdf_of_images(flatbed_scan([[image]], rng, _SCAN_DPI, drawn_dpi=150), _SCAN_DPI)
    return _image_bytes(phone_photo(image, rng, _photo_style(spec.capture, rng)), spec.capture,
                        rng)


def damage(data: bytes, how: str) -> bytes:
    """The file as it arrived broken: cut short, emptied, or replaced by something else."""
    if how == "truncated":
        return data[: len(data) * 2 // 5]
    if how == "empty":
        return b""
    if how == "not_a_document":
        return ("Bonjour, je vous envoie ma pièce par courrier.\nCordialement\n").encode()
    if how == "encrypted":
        return data  # rendered with a password already
    raise ValueError(f"unknown damage {how}")


def render_piece(spec: PieceSpec, rng: random.Random) -> list[tuple[str, bytes]]:
    """The files one planned piece becomes (an ID photographed on both sides makes two)."""
    if spec.kind == "identity":
        files = render_identity(spec, rng)
    elif spec.kind == "recap":
        files = [(spec.filename, render_recap(spec, rng))]
    else:
        files = [(spec.filename, render_letter(spec, rng))]
    if spec.broken:
        name, data = files[0]
        files[0] = (name, damage(data, spec.broken))
    return files
