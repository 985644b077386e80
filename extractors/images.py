"""Open a photo or scan with Pillow (HEIC through pillow-heif) and check it decodes fully."""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

from schemas.extraction import FileProblem, ProblemKind

register_heif_opener()

# 150 million pixels: above any phone's default capture (12-50 MP) and a 600 dpi A4 scan
# (35 MP), below what fits comfortably in memory (450 MB as RGB). Larger images are
# decompression bombs or mistakes.
MAX_PIXELS = 150_000_000
# Pillow refuses by itself at twice its limit; ours must be the one that applies.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class ImageInfo:
    """What opening the image told us."""

    width: int | None
    height: int | None
    problem: FileProblem | None


def inspect_image(data: bytes) -> ImageInfo:
    """Decode the image (at reduced scale when the format allows) to prove it is whole."""
    try:
        with warnings.catch_warnings():
            # Pillow warns between its limit and twice it; the size test below decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
        with img:
            width, height = img.size
            if width * height > MAX_PIXELS:
                return ImageInfo(width, height, FileProblem(
                    kind=ProblemKind.TOO_MANY_PIXELS, detail=f"{width}x{height}"))
            # JPEG can decode at 1/8 scale: a truncated stream still fails, ten times faster.
            img.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            img.load()
            return ImageInfo(width, height, None)
    except UnidentifiedImageError:
        return ImageInfo(None, None, FileProblem(kind=ProblemKind.CORRUPT, detail="unidentified"))
    except Image.DecompressionBombError:
        return ImageInfo(None, None, FileProblem(kind=ProblemKind.TOO_MANY_PIXELS, detail="bomb"))
    except (OSError, EOFError, SyntaxError, ValueError) as exc:
        truncated = "truncated" in str(exc).lower() or isinstance(exc, EOFError)
        kind = ProblemKind.TRUNCATED if truncated else ProblemKind.CORRUPT
        return ImageInfo(None, None, FileProblem(kind=kind, detail=type(exc).__name__))
