"""How candidates capture documents: scans saved as PDF, phone photos, low-resolution images."""

import io
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# A4 in inches: pages are composed at the scan resolution.
_A4_INCHES = (8.27, 11.69)
# Documents are drawn at 300 dpi.
_DRAWN_DPI = 300
EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class PhotoStyle:
    """The defects of one phone photo; every field has a plausible default."""

    quarter_turns: int = 0  # the phone held sideways or upside down: 0-3 turns of 90 degrees
    angle: float = 0.0  # small rotation, degrees
    perspective: float = 0.08  # how far corners move, as a fraction of the document size
    blur: float = 0.8  # Gaussian sigma, pixels
    noise: float = 4.0  # sensor noise, grey levels
    light: float = 0.3  # strength of the uneven lighting
    long_side: int = 1400  # output size: phones make 4000 px, messaging apps resend 1600
    clutter: bool = True


def _desk(size: tuple[int, int], rng: random.Random, clutter: bool) -> Image.Image:
    """A wooden or fabric surface, with objects lying about when cluttered."""
    width, height = size
    base = np.array(rng.choice([(120, 92, 66), (150, 140, 128), (70, 74, 82), (190, 180, 160)]),
                    dtype=np.float32)
    ys = np.arange(height, dtype=np.float32)[:, None]
    xs = np.arange(width, dtype=np.float32)[None, :]
    grain = 10 * np.sin(ys / rng.uniform(6, 20) + 3 * np.sin(xs / rng.uniform(80, 300)))
    surface = np.clip(base[None, None, :] + grain[..., None], 0, 255).astype(np.uint8)
    image = Image.fromarray(surface, "RGB")
    if clutter:
        draw = ImageDraw.Draw(image)
        for _ in range(rng.randint(2, 5)):
            x, y = rng.randrange(width), rng.randrange(height)
            w, h = rng.randint(40, width // 3), rng.randint(15, height // 4)
            colour = tuple(rng.randint(20, 235) for _ in range(3))
            if rng.random() < 0.5:
                draw.rectangle((x, y, x + w, y + h), fill=colour)
            else:
                draw.ellipse((x, y, x + w, y + h), fill=colour)
        for _ in range(rng.randint(0, 3)):  # pens, cables
            draw.line([(rng.randrange(width), rng.randrange(height)) for _ in range(2)],
                      fill=tuple(rng.randint(0, 120) for _ in range(3)), width=rng.randint(4, 12))
    return image


def phone_photo(document: Image.Image, rng: random.Random, style: PhotoStyle) -> Image.Image:
    """The document as a phone photographs it, upright pixels (see save_jpeg for EXIF)."""
    # Everything is drawn at the output size: a phone's 4000 px are never materialised.
    spread_x, spread_y = rng.uniform(1.35, 1.7), rng.uniform(1.4, 1.9)
    scale = style.long_side / max(document.width * spread_x, document.height * spread_y)
    doc = np.array(document.convert("RGB").resize(
        (round(document.width * scale), round(document.height * scale)),
        Image.Resampling.LANCZOS))
    h, w = doc.shape[:2]
    canvas_w, canvas_h = round(w * spread_x), round(h * spread_y)
    background = np.array(_desk((canvas_w, canvas_h), rng, style.clutter))
    # Where the document's corners land: centred, turned by a small angle, each corner moved.
    cx = canvas_w / 2 + rng.uniform(-0.05, 0.05) * w
    cy = canvas_h / 2 + rng.uniform(-0.05, 0.05) * h
    theta = np.deg2rad(style.angle)
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * w / 2, sy * h / 2
        x += rng.uniform(-style.perspective, style.perspective) * w / 2
        y += rng.uniform(-style.perspective, style.perspective) * h / 2
        corners.append((cx + x * np.cos(theta) - y * np.sin(theta),
                        cy + x * np.sin(theta) + y * np.cos(theta)))
    source = np.float32([(0, 0), (w, 0), (w, h), (0, h)])
    matrix = cv2.getPerspectiveTransform(source, np.float32(corners))
    warped = cv2.warpPerspective(doc, matrix, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (canvas_w, canvas_h))
    photo = np.where(mask[..., None] > 0, warped, background).astype(np.float32)
    # Uneven light: a lamp on one side, a darker corner, sometimes a hand's shadow.
    ys = np.linspace(-1, 1, canvas_h, dtype=np.float32)[:, None]
    xs = np.linspace(-1, 1, canvas_w, dtype=np.float32)[None, :]
    ax, ay = rng.uniform(-1, 1), rng.uniform(-1, 1)
    light = 1.0 + style.light * (0.5 * (ax * xs + ay * ys) - 0.35 * (xs**2 + ys**2))
    photo *= light[..., None]
    if rng.random() < 0.3:
        shadow = np.zeros((canvas_h, canvas_w), np.uint8)
        points = np.int32([(rng.randrange(canvas_w), rng.randrange(canvas_h)) for _ in range(4)])
        cv2.fillConvexPoly(shadow, cv2.convexHull(points), 1)
        photo[shadow == 1] *= rng.uniform(0.6, 0.85)
    if style.noise:
        photo += np.random.default_rng(rng.randrange(2**32)).normal(0, style.noise, photo.shape)
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8), "RGB")
    if style.blur:
        image = image.filter(ImageFilter.GaussianBlur(style.blur))
    return image.rotate(90 * style.quarter_turns, expand=True)


def flatbed_scan(pages: list[list[Image.Image]], rng: random.Random, dpi: int = 200,
                 grey: bool = False, drawn_dpi: int = _DRAWN_DPI) -> list[Image.Image]:
    """Each page an A4 sheet at `dpi` with the given documents laid on the glass.

    Documents are drawn at `drawn_dpi` and scaled to the scan's resolution.
    """
    scanned = []
    size = (round(_A4_INCHES[0] * dpi), round(_A4_INCHES[1] * dpi))
    for documents in pages:
        sheet = Image.new("RGB", size, (250, 250, 248))
        y = round(rng.uniform(0.4, 0.8) * dpi)
        for document in documents:
            scale = dpi / drawn_dpi
            doc = document.resize((round(document.width * scale),
                                   round(document.height * scale)), Image.Resampling.LANCZOS)
            doc = doc.convert("RGBA").rotate(rng.uniform(-2.0, 2.0), expand=True,
                                             resample=Image.Resampling.BICUBIC)
            x = round(rng.uniform(0.3, 0.9) * dpi)
            sheet.paste(doc, (x, y), doc)
            y += doc.height + round(rng.uniform(0.3, 0.8) * dpi)
        sheet = sheet.filter(ImageFilter.GaussianBlur(0.5))
        noisy = np.array(sheet, np.float32) + np.random.default_rng(
            rng.randrange(2**32)).normal(0, 2.5, (size[1], size[0], 3))
        sheet = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), "RGB")
        scanned.append(sheet.convert("L") if grey else sheet)
    return scanned


def pdf_of_images(pages: list[Image.Image], dpi: int, quality: int = 70) -> bytes:
    """An image-only PDF, one JPEG page per image, as scanner software saves it."""
    buffer = io.BytesIO()
    rgb = [page if page.mode in ("RGB", "L") else page.convert("RGB") for page in pages]
    # Fixed dates: the same seed must give the same bytes.
    fixed = time.gmtime(datetime(2025, 11, 1, 12, 0, tzinfo=UTC).timestamp())
    rgb[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=rgb[1:],
                quality=quality, creationDate=fixed, modDate=fixed)
    return buffer.getvalue()


# How phones store a photo taken with the phone turned: pixels turned by this many degrees
# anticlockwise, and an EXIF orientation tag telling viewers how to turn them back.
_STORED_TURN = {3: 180, 6: 90, 8: 270}


def save_jpeg(image: Image.Image, quality: int, exif_orientation: int | None = None) -> bytes:
    """JPEG bytes of an upright image.

    With an EXIF orientation (3, 6 or 8) the pixels are stored turned and the tag says how to
    show them upright, as phones do.
    """
    exif = Image.Exif()
    if exif_orientation:
        image = image.rotate(_STORED_TURN[exif_orientation], expand=True)
        exif[EXIF_ORIENTATION] = exif_orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif.tobytes(), optimize=True)
    return buffer.getvalue()


def save_png(image: Image.Image) -> bytes:
    """Lossless PNG bytes (screenshots, some scanner apps)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def low_resolution(image: Image.Image, long_side: int) -> Image.Image:
    """The image shrunk, as when a messaging app or an old phone sends it."""
    scale = long_side / max(image.size)
    return image.resize((round(image.width * scale), round(image.height * scale)),
                        Image.Resampling.BILINEAR)
