"""Builds an upload-ready folder: one file per upload slot, named by item, under the channel's size cap.

The originals are only read. A slot with several files gets one merged PDF; an image goes into a PDF
where the slot takes only PDF (and a photo becomes JPEG); a file over the cap has its scanned pages
re-encoded at about 150 DPI, and if it is still too large nothing is written for it and the pack
fails, saying so. manifest.json records what went where, with the sha256 of inputs and outputs.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from permit_check.checklist import Channel, Checklist, Item
from permit_check.errors import UsageProblem
from permit_check.inventory import MANIFEST_FILE
from permit_check.model import Report
from permit_check.visible import json_safe

IMAGE_KINDS = frozenset({"jpeg", "png", "tiff"})
PACK_WORDS = {
    "en": {
        "shrunk": "scanned pages re-encoded at about 150 DPI to fit {limit:g} MB",
        "word": "Word and other formats cannot be merged or converted here: save the file as PDF first",
        "form": "{name} is an IRCC form, which cannot be merged with other files: keep one file",
        "jpeg": "converted to JPEG", "merged": "merged {count} files into one PDF",
        "too_big": "still {size:.1f} MB, over the {limit:g} MB limit: scan it again at a lower resolution",
        "unreadable": "could not be read to pack it ({error})", "left_out": "not placed in any item",
        "not_packed": "NOT PACKED", "left": "left out",
    },
    "fr": {
        "shrunk": "pages numérisées réencodées à environ 150 ppp pour tenir dans {limit:g} Mo",
        "word": "Les fichiers Word et autres formats ne peuvent être ni fusionnés ni convertis ici : "
                "enregistrez d'abord le fichier en PDF",
        "form": "{name} est un formulaire d'IRCC, qui ne peut pas être fusionné avec d'autres fichiers : "
                "gardez un seul fichier",
        "jpeg": "converti en JPEG", "merged": "{count} fichiers fusionnés en un seul PDF",
        "too_big": "encore {size:.1f} Mo, au-delà de la limite de {limit:g} Mo : numérisez-le de nouveau à une "
                   "résolution plus basse",
        "unreadable": "illisible, impossible à assembler ({error})", "left_out": "associé à aucun élément",
        "not_packed": "NON ASSEMBLÉ", "left": "laissé de côté",
    },
}


@dataclass
class PackResult:
    written: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare_output(output: Path, folder: Path, *, force: bool) -> None:
    """OUT must be outside FOLDER, and empty unless --force (then its old files are removed)."""
    target, source = output.resolve(), folder.resolve()
    if target == source or target.is_relative_to(source) or source.is_relative_to(target):
        raise UsageProblem(f"--output {output} must be outside the documents folder (and not contain it)")
    if target.exists() and not target.is_dir():
        raise UsageProblem(f"--output {output} is a file; give a folder")
    if target.exists() and any(target.iterdir()):
        if not force:
            raise UsageProblem(f"{output} is not empty; use --force to replace what is in it")
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)


def _plan(item: Item, files: list[tuple[Path, str]]) -> tuple[str, str]:
    """(action, extension) for an item's files: 'copy', 'jpeg' or 'merge'."""
    kinds = {kind for _, kind in files}
    if item.id == "photo" or item.kinds == ("jpeg", "jp2"):
        return ("copy", "jpg") if kinds == {"jpeg"} and len(files) == 1 else ("jpeg", "jpg")
    if len(files) == 1:
        kind = files[0][1]
        if not item.kinds or kind in item.kinds:
            return "copy", {"jpeg": "jpg", "tiff": "tif"}.get(kind, kind)
    return "merge", "pdf"


def _build(action: str, files: list[tuple[Path, str]], *, shrink: bool) -> bytes:
    # pypdf and Pillow load only when a pack runs, not with every command.
    from permit_check.assemble import merge_to_pdf, to_jpeg

    if action == "copy":
        return files[0][0].read_bytes()
    if action == "jpeg":
        return to_jpeg(files[0][0], shrink=shrink)
    return merge_to_pdf(files, shrink=shrink)


def _fit(action: str, extension: str, files: list[tuple[Path, str]], data: bytes,
         limit: int, words: dict[str, str]) -> tuple[bytes, str, list[str]]:
    """Re-encodes scanned pages (or the image) at about 150 DPI when that makes the file smaller."""
    shrink_action = action if action != "copy" else ("merge" if extension == "pdf" else "jpeg")
    smaller = _build(shrink_action, files, shrink=True)
    if len(smaller) >= len(data):
        return data, extension, []
    new_extension = "pdf" if shrink_action == "merge" else "jpg" if shrink_action == "jpeg" else extension
    return smaller, new_extension, [words["shrunk"].format(limit=limit / 1048576)]


def _pack_item(item: Item, files: list[tuple[Path, str]], forms: list[Path], limit: int | None,
               output: Path, words: dict[str, str]) -> dict[str, Any]:
    """Writes one slot's file; returns its manifest entry, or raises ValueError saying why it cannot."""
    if any(kind not in IMAGE_KINDS | {"pdf"} for _, kind in files) and (len(files) > 1 or not (
            files[0][1] in item.kinds or not item.kinds)):
        raise ValueError(words["word"])
    action, extension = _plan(item, files)
    if action == "merge" and forms:
        raise ValueError(words["form"].format(name=forms[0].name))
    data = _build(action, files, shrink=False)
    done = {"copy": [], "jpeg": [words["jpeg"]], "merge": [words["merged"].format(count=len(files))]}[action]
    if limit is not None and len(data) > limit and not forms:
        data, extension, shrunk = _fit(action, extension, files, data, limit, words)
        done = [*done, *shrunk]
    if limit is not None and len(data) > limit:
        raise ValueError(words["too_big"].format(size=len(data) / 1048576, limit=limit / 1048576))
    name = f"{item.id}.{extension}"
    (output / name).write_bytes(data)
    return {"output": name, "item": item.id, "size": len(data), "sha256": _sha256(data), "actions": done}


def pack(folder: Path, report: Report, checklist: Checklist, channel: Channel, output: Path) -> PackResult:
    words = PACK_WORDS[report.lang]
    """Writes one file per slot that has files into `output`; what cannot be packed is listed, not guessed."""
    result = PackResult()
    by_path = {file.path: file for file in report.files}
    for item_result in report.items:
        if not item_result.files:
            continue
        item = checklist.item(item_result.id)
        files = [(folder / path, by_path[path].kind) for path in item_result.files]
        forms = [folder / path for path in item_result.files if by_path[path].form]
        try:
            entry = _pack_item(item, files, forms, channel.max_bytes, output, words)
        except ValueError as error:
            result.failed.append({"item": item.id, "reason": str(error)})
            continue
        except Exception as error:  # noqa: BLE001 - a file the readers cannot decode is reported, not fatal
            result.failed.append({"item": item.id, "reason": words["unreadable"].format(error=type(error).__name__)})
            continue
        entry["inputs"] = [{"path": path, "sha256": _sha256((folder / path).read_bytes())}
                           for path in item_result.files]
        result.written.append(entry)
    result.left_out = [{"path": file.path, "reason": words["left_out"]}
                       for file in report.files if file.item is None]
    return result


def write_manifest(output: Path, report: Report, result: PackResult) -> None:
    manifest = {
        "folder": report.folder,
        "checklist": report.checklist.id,
        "channel": report.channel,
        "files": result.written,
        "left_out": result.left_out,
        "failed": result.failed,
    }
    document = json_safe(json.dumps(manifest, indent=2, ensure_ascii=False))  # undecodable names as escapes
    (output / MANIFEST_FILE).write_text(document + "\n", encoding="utf-8")
