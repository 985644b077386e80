"""The sample corpus's README: each dossier's exercise, files and expected result, renders."""

from pathlib import Path

import pypdfium2
from PIL import Image, ImageOps

from samplegen.capture import save_jpeg

# Three captures the README shows: a phone photo, a flatbed scan, a photographed récapitulatif.
_SHOWCASE = (("identity", ("photo_rotated", "photo", "photo_exif")),
             ("identity", ("scan_one_page",)),
             ("recap", ("photo", "photo_exif")))


def _first_page(path: Path) -> Image.Image:
    if path.suffix.lower() == ".pdf":
        document = pypdfium2.PdfDocument(path.read_bytes())
        try:
            return document[0].render(scale=1.0).to_pil().convert("RGB")
        finally:
            document.close()
    with Image.open(path) as image:
        return ImageOps.exif_transpose(image).convert("RGB")


def _renders(root: Path, labels: dict) -> list[tuple[str, str]]:
    """Small JPEG copies of three example files, stored under renders/ (name, caption)."""
    shown = []
    folder = root / "renders"
    folder.mkdir(exist_ok=True)
    for kind, captures in _SHOWCASE:
        for cid, label in labels["dossiers"].items():
            match = next((p for p in label["pieces"] if p["kind"] == kind
                          and p["capture"] in captures and not p["broken"]), None)
            if match is None:
                continue
            image = _first_page(root / "dossiers" / match["path"])
            image.thumbnail((900, 900))
            name = f"{kind}-{match['capture']}.jpg"
            (folder / name).write_bytes(save_jpeg(image, 70))
            shown.append((name, f"{cid} — {match['path'].split('/', 2)[2]} "
                                f"({kind}, {match['capture']})"))
            break
    return shown


def write_readme(root: Path, labels: dict) -> None:
    """sample_docs/README.md for the corpus under root/dossiers with root/labels.json."""
    generator = labels["generator"]
    lines = [
        "# Sample dossiers",
        "",
        f"{len(labels['dossiers'])} synthetic dossiers (no real person) in the layout of "
        "CONTRACT.md, made by",
        "",
        "```sh",
        f".venv/bin/justif sample generate sample_docs --n {generator['n']} "
        f"--seed {generator['seed']}",
        "```",
        "",
        "`labels.json` holds each dossier's expected verdict and findings (code and slot), what",
        "it exercises, the true MRZ and printed fields of its identity document, and how each",
        "file was captured. Labels come from the generator's plan, never from a justif run.",
        f"Validity and ages are judged on {labels['reference_day']} (the session's deadline).",
        "`dossiers/uploads.csv` gives upload times. Identity documents are drawn at 300 dpi with",
        "the MRZ in OCR-B; captures are phone photos (perspective, quarter turns, EXIF rotation,",
        "uneven light, blur, noise, clutter), flatbed scans saved as PDF, low-resolution images,",
        "HEIC and PNG files.",
        "",
        "## Example renders",
        "",
    ]
    for name, caption in _renders(root, labels):
        lines += [f"![{caption}](renders/{name})", "", f"*{caption}*", ""]
    lines += [
        "## Dossiers",
        "",
        "| candidate | exercises | files (slot/file: kind, capture) | expected verdict | "
        "expected findings |",
        "|---|---|---|---|---|",
    ]
    for cid, label in labels["dossiers"].items():
        files = "<br>".join(
            f"{p['path'].split('/', 2)[2]}: {p['kind']}, {p['capture']}"
            + (f", **{p['broken']}**" if p["broken"] else "")
            + (f", signature {p['signing']}" if p["signing"] else "")
            for p in label["pieces"]) or "none"
        findings = ", ".join(f"{f['code']} ({f['slot']})" if f["slot"] else f["code"]
                             for f in label["findings"]) or "none"
        identity = label["identity"]["kind"] if label["identity"] else "no identity piece"
        exercises = "; ".join(label["exercises"]) + f" — {identity}"
        lines.append(f"| {cid} | {exercises} | {files} | {label['verdict']} | {findings} |")
    (root / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
