"""Group a source's listing into each candidate's pieces."""

from collections import defaultdict

from dossiers.layout import piece_of
from schemas.slots import Slot
from schemas.storage import PieceObject, StoredObject

# Findings follow the contract's slot order (identity first), unknown slots last.
_SLOT_ORDER = {slot.value: index for index, slot in enumerate(Slot)}


def group_pieces(objects: list[StoredObject]) -> dict[str, list[PieceObject]]:
    """candidate_id -> that candidate's pieces in slot order (metadata only, no contents)."""
    grouped: dict[str, list[PieceObject]] = defaultdict(list)
    for obj in objects:
        piece = piece_of(obj)
        if piece is not None:
            grouped[piece.candidate_id].append(piece)
    for pieces in grouped.values():
        pieces.sort(key=lambda p: (_SLOT_ORDER.get(p.slot, len(_SLOT_ORDER)), p.object.key))
    return dict(grouped)
