"""A piece's file and its previews, streamed from the source through the app to staff only."""

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from database.models import Piece
from database.triage import piece_with_source
from schemas.errors import JustifError
from schemas.extraction import FileFormat
from storage.sources import open_source
from webapp.auth import Context, Staff
from webapp.previews import crop_png, page_png

router = APIRouter()
# A decoded piece must not outlive the page that asked for it: no cache anywhere.
_PRIVATE = {"Cache-Control": "private, no-store"}


def _load(context: Context, piece_id: int) -> tuple[Piece, bytes]:
    found = piece_with_source(context.engine, piece_id)
    if found is None:
        raise HTTPException(404)
    piece, source_uri, _ = found
    try:
        data = open_source(source_uri, context.settings).read(
            piece.object_key, context.rules.max_file_size_bytes)
    except JustifError:
        raise HTTPException(503, "Stockage des pièces indisponible.") from None
    if data is None or len(data) > context.rules.max_file_size_bytes:
        raise HTTPException(404)
    return piece, data


def _image(png: bytes | None) -> Response:
    if png is None:
        raise HTTPException(404)
    return Response(png, media_type="image/png", headers=_PRIVATE)


def _format(piece: Piece) -> FileFormat:
    if piece.outcome != "read":
        raise HTTPException(404)
    return FileFormat(piece.extraction["format"])


@router.get("/pieces/{piece_id}/fichier")
def original(context: Context, user: Staff, piece_id: int) -> Response:
    """The file as the candidate uploaded it, as a download with a neutral name."""
    piece, data = _load(context, piece_id)
    extension = piece.filename.rsplit(".", 1)[-1].lower() if "." in piece.filename else "bin"
    if not extension.isalnum():
        extension = "bin"
    # The candidate's file name may carry names: the download is named by the piece number.
    return Response(data, media_type="application/octet-stream", headers={
        **_PRIVATE, "Content-Disposition": f'attachment; filename="piece-{piece_id}.{extension}"'})


@router.get("/pieces/{piece_id}/pages/{page}")
def page(context: Context, user: Staff, piece_id: int, page: int) -> Response:
    """Page `page` (1-based) of the piece as the extractors read it."""
    piece, data = _load(context, piece_id)
    return _image(page_png(data, _format(piece), page - 1))


@router.get("/pieces/{piece_id}/mrz")
def mrz_band(context: Context, user: Staff, piece_id: int) -> Response:
    """The MRZ band the reader found."""
    piece, data = _load(context, piece_id)
    source = (piece.extraction.get("mrz") or {}).get("source") or {}
    if "box" not in source:
        raise HTTPException(404)
    return _image(crop_png(data, _format(piece), int(source.get("page", 0)), source["box"]))


@router.get("/pieces/{piece_id}/signature")
def signature_area(context: Context, user: Staff, piece_id: int) -> Response:
    """The area judged for a signature."""
    piece, data = _load(context, piece_id)
    signature = piece.extraction.get("signature")
    if not signature:
        raise HTTPException(404)
    return _image(crop_png(data, _format(piece), int(signature["page"]) - 1, signature["box"]))
