"""Recognise a file's format from its first bytes, whatever its name claims."""

from schemas.extraction import FileFormat

# ISO base media brands that HEIF/HEIC phones write after 'ftyp'.
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})


def sniff_format(head: bytes) -> FileFormat:
    """The format announced by the magic bytes at the start of a file."""
    # Some producers put junk before the header; PDF readers accept it within 1 KB.
    if b"%PDF-" in head[:1024]:
        return FileFormat.PDF
    if head.startswith(b"\xff\xd8\xff"):
        return FileFormat.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileFormat.PNG
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return FileFormat.TIFF
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return FileFormat.HEIC
    return FileFormat.UNKNOWN
