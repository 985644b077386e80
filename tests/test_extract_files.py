import io
import random
import zipfile

import numpy as np
import pillow_heif
import pytest
from PIL import Image
from reportlab.lib import pdfencrypt

from extractors.extract import extract_file
from extractors.quality import measure
from samplegen.letters import attestation_pdf
from schemas.extraction import FileFormat, ProblemKind

LIMIT = 5 * 1024 * 1024


def image_bytes(fmt: str, size=(800, 600)) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 180, 150))
    if fmt == "HEIC":
        pillow_heif.from_pillow(image).save(buffer, quality=50)
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


def pdf_bytes(encrypt=None) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, encrypt=encrypt)
    canvas.drawString(100, 700, "Certificat de scolarité")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "expected"), [
    ("JPEG", FileFormat.JPEG), ("PNG", FileFormat.PNG), ("TIFF", FileFormat.TIFF),
    ("HEIC", FileFormat.HEIC),
])
def test_whole_images_are_readable_whatever_their_name(fmt, expected):
    result = extract_file(image_bytes(fmt), "scan.pdf", max_bytes=LIMIT)
    assert result.readable and result.problem is None
    assert result.format is expected
    assert (result.width, result.height) == (800, 600)


def test_a_text_pdf_is_readable_with_its_pages_and_text_layer():
    result = extract_file(attestation_pdf("Titre", ["ligne"], "Émetteur"), "a.pdf",
                          max_bytes=LIMIT)
    assert result.readable and result.pages == 1 and result.has_text_layer is True
    assert result.format is FileFormat.PDF and len(result.sha256) == 64


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_cut_images_are_truncated(fmt):
    data = image_bytes(fmt, (1200, 900))
    result = extract_file(data[: len(data) // 2], "photo.jpg", max_bytes=LIMIT)
    assert not result.readable
    assert result.problem.kind is ProblemKind.TRUNCATED


def test_cut_pdf_is_truncated():
    data = pdf_bytes()
    result = extract_file(data[: len(data) * 2 // 3], "r.pdf", max_bytes=LIMIT)
    assert result.problem.kind is ProblemKind.TRUNCATED


def test_pdf_with_a_damaged_body_is_corrupt():
    data = pdf_bytes()
    damaged = data[:200] + bytes(random.Random(1).randrange(256) for _ in range(400)) + data[600:]
    result = extract_file(damaged, "r.pdf", max_bytes=LIMIT)
    assert not result.readable


def test_password_protected_pdf_is_encrypted_but_owner_only_protection_reads():
    locked = extract_file(pdf_bytes(pdfencrypt.StandardEncryption("user", "owner")), "r.pdf",
                          max_bytes=LIMIT)
    assert locked.problem.kind is ProblemKind.ENCRYPTED
    # No user password: any reader opens it, so the candidate's file is fine.
    owner_only = extract_file(pdf_bytes(pdfencrypt.StandardEncryption("", "owner")), "r.pdf",
                              max_bytes=LIMIT)
    assert owner_only.readable


def test_other_formats_are_not_documents():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    for data in (archive.getvalue(), b"<html><body>Mon CV</body></html>", b"MZ\x90\x00"):
        result = extract_file(data, "cni.pdf", max_bytes=LIMIT)
        assert result.problem.kind is ProblemKind.NOT_A_DOCUMENT


def test_empty_and_oversized_files():
    assert extract_file(b"", "x.pdf", max_bytes=LIMIT).problem.kind is ProblemKind.EMPTY
    big = extract_file(b"%PDF-" + b"0" * 2000, "x.pdf", max_bytes=1000)
    assert big.problem.kind is ProblemKind.TOO_LARGE and big.sha256 is None


def test_decompression_bombs_are_refused_without_decoding():
    # A 20000 x 20000 bilevel PNG is 50 KB on disk and 400 million pixels once decoded.
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    result = extract_file(buffer.getvalue(), "bomb.png", max_bytes=LIMIT)
    assert result.problem.kind is ProblemKind.TOO_MANY_PIXELS


def test_images_over_our_pixel_limit_but_under_pillows_are_refused_too():
    buffer = io.BytesIO()
    Image.new("1", (13000, 13000)).save(buffer, "PNG")
    result = extract_file(buffer.getvalue(), "scan.png", max_bytes=LIMIT)
    assert result.problem.kind is ProblemKind.TOO_MANY_PIXELS
    assert result.problem.detail == "13000x13000"


def test_an_unforeseen_reader_failure_is_a_damaged_file_not_a_crash(monkeypatch):
    import extractors.extract as extract_module

    def explode(data):
        raise RecursionError("crafted file")

    monkeypatch.setattr(extract_module, "inspect_pdf", explode)
    result = extract_file(pdf_bytes(), "r.pdf", max_bytes=LIMIT)
    assert not result.readable
    assert (result.problem.kind, result.problem.detail) == (ProblemKind.CORRUPT, "RecursionError")


def test_quality_figures_are_the_pages_mean_deviation_and_burnt_out_share():
    rng = np.random.default_rng(5)
    page = rng.integers(0, 256, size=(900, 1300), dtype=np.uint8)
    page[:100, :200] = 255  # a patch of glare
    figures = measure(page)
    assert figures["brightness"] == round(float(page.mean()), 1)
    assert figures["contrast"] == round(float(page.std()), 1)
    assert figures["glare"] == round(float((page >= 250).mean()), 4)
    assert figures["long_side"] == 1300
