"""Builds an upload-ready folder: one file per upload slot, named by item, under the channel's size cap.

The originals are only read, each exactly once: through a descriptor that does not follow links,
checked to be the very file the scan examined (device, inode, size, ctime and content hash), and
never read again. A slot with several files gets one merged PDF; an image goes into a PDF where the
slot takes only PDF (and a photo becomes JPEG); a file over the cap has its scanned pages re-encoded
at about 150 DPI, and if it is still too large nothing is written for it and the pack fails, saying
so. Building a slot parses untrusted files, so it runs in a killable worker with the scan's time and
memory caps. permit-check-manifest.json records what went where, with the sha256 of the bytes read and written.

A pack is never left looking finished when it is not: before each file goes into OUT, the manifest is
rewritten saying the pack is incomplete and naming every file written so far (and the one coming), and
only the last manifest says it is complete. A pack that is stopped (Ctrl-C, SIGTERM, SIGHUP) or fails
while writing removes the files it wrote, then its manifest; one killed outright leaves the incomplete
manifest, so a later --force removes what it wrote, and nothing else.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from permit_check.commands.result import EXIT_FINDINGS, CommandResult
from permit_check.commands.scan import Scanned, ScanOptions, batch_of, exit_code, run, scan_folder
from permit_check.errors import UsageProblem
from permit_check.files.kind import IMAGE_KINDS
from permit_check.files.pool import MEMORY, TIMEOUT, Outcome, run_tasks
from permit_check.files.safe_write import make_real_folder, write_whole
from permit_check.files.walk import APPLICATION_FILE, MANIFEST_FILE, Entry
from permit_check.i18n import N_, decimal, in_language
from permit_check.limits import Limits
from permit_check.model import Report
from permit_check.reports import RENDERERS, RenderOptions
from permit_check.reports.visible import json_safe, visible
from permit_check.reports.words import colon, semicolon
from permit_check.rules.checklist import Channel, Checklist, Item

# Formats IRCC takes from no upload slot: always converted (a HEIC photo becomes JPEG or a PDF page).
NEVER_COPIED = frozenset({"heic"})
# Pack holds a source in memory (and hands it to a worker): a bigger file is no upload, it is refused unread.
MAX_SOURCE_BYTES = 256 * 1024 * 1024
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
# The temporary a file is written to before it takes its name (safe_write): `.NAME.<16 hex digits>.tmp`.
TEMPORARY_NAME = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{16}\.tmp")
PACK_WORDS: dict[str, str] = {
    "shrunk": N_("scanned pages re-encoded at about 150 DPI to fit {limit} MB"),
    "word": N_("Word and other formats cannot be merged or converted here: save the file as PDF first"),
    "form": N_("{name} is an IRCC form, which cannot be merged with other files: keep one file"),
    "jpeg": N_("converted to JPEG"),
    "merged": N_("merged {count} files into one PDF"),
    "too_big": N_("still {size} MB, over the {limit} MB limit: scan it again at a lower resolution"),
    "left_out": N_("not placed in any item"),
    "not_packed": N_("NOT PACKED"),
    "left": N_("left out"),
    "same_file": N_("the same file as {path} under another name, packed once"),
    "kept_instead": N_("a copy or an older version: {path} is packed instead"),
    "several_photos": N_("{count} different photos for the photo slot: keep only the one that meets IRCC's "
                         "photo specifications, then pack again"),
    "changed": N_("{path} changed after it was checked (replaced, edited or made a link): check the folder again"),
    "unverified": N_("{path} could not be checked, so it is not packed"),
    "unopenable": N_("{path} could not be opened to pack it"),
    "source_too_big": N_("{path} is {size} MB, more than pack reads ({limit} MB)"),
    "pixels": N_("{path}: the image has more pixels than any scan or photo"),
    "frames": N_("{path}: more than {count} pages in one image file"),
    "too-complex": N_("{path} goes past the PDF reader's safety limits"),
    "damaged": N_("{path} is damaged: it could not be read to pack it"),
    "timeout": N_("building it took longer than {seconds} s"),
    "memory": N_("building it needed more memory than allowed"),
    "crashed": N_("the packer stopped unexpectedly"),
    "written": N_("Upload files written to {path}"),
}


@dataclass
class PackResult:
    written: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """One file of a slot: its display path, what the scan found it to be, and what the walk saw."""

    path: str
    kind: str
    form: bool
    entry: Entry
    digest: str | None


class SourceRefused(Exception):
    """A source pack will not read: `key` names the reason in PACK_WORDS."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def pack_words(lang: str) -> dict[str, str]:
    """Pack's words in `lang`, with the language itself, which its numbers are written in (decimal)."""
    return {**in_language(PACK_WORDS, lang), "lang": lang}


def megabytes(size: int, words: dict[str, str], digits: int | None = None) -> str:
    """Bytes as MB in the words' language (6.8 MB, 6,8 Mo); without `digits`, as few as the value needs."""
    return decimal(size / 1048576, words["lang"], digits)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_output(output: Path, folder: Path, *, force: bool) -> None:
    """OUT must be outside FOLDER, a real folder or a new name (never a link), and empty unless --force."""
    if output.is_symlink():
        raise UsageProblem(N_("--output {output} is a link; give a real folder (links are never followed)"),
                           output=output)
    target, source = output.resolve(), folder.resolve()
    if (target == source or target.is_relative_to(source) or source.is_relative_to(target)
            or _nested_elsewhere(target, source)):
        raise UsageProblem(N_("--output {output} must be outside the documents folder (and not contain it)"),
                           output=output)
    if target.exists() and not target.is_dir():
        raise UsageProblem(N_("--output {output} is a file; give a folder"), output=output)
    if target.exists() and any(target.iterdir()):
        if not force:
            raise UsageProblem(N_("{output} is not empty; use --force to replace an earlier pack's output"),
                               output=output)
        _earlier_pack(target, output)


def _identity(path: Path, *, follow_links: bool = True) -> tuple[int, int] | None:
    """The device and inode of what `path` names (with `follow_links=False`, of the name itself), or None."""
    try:
        info = path.stat(follow_symlinks=follow_links)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _nested_elsewhere(target: Path, source: Path) -> bool:
    """Whether one folder is the other, or inside it, through a path no link resolves (a bind mount, a
    second mount of the same disk): judged by device and inode, folder by folder up to the root."""
    folder, out = _identity(source), _identity(target)
    above_target = {_identity(parent) for parent in (target, *target.parents)} - {None}
    above_source = {_identity(parent) for parent in (source, *source.parents)} - {None}
    return folder in above_target or (out is not None and out in above_source)


def _earlier_pack(target: Path, output: Path) -> list[str]:
    """The names an earlier pack wrote in OUT (its manifest says which), when OUT holds nothing else.
    --force replaces a pack's output, never the user's own files: anything else in OUT is refused."""
    listed: set[str] = set()
    manifest = target / MANIFEST_FILE
    if manifest.is_file() and not manifest.is_symlink():
        try:
            # A manifest is small; a huge or broken one is not a pack's, and nothing is removed.
            data = json.loads(manifest.read_bytes()[:MAX_MANIFEST_BYTES])
            listed = {entry["output"] for entry in data.get("files", []) if isinstance(entry.get("output"), str)}
        except (OSError, ValueError, TypeError, AttributeError, KeyError, RecursionError):
            listed = set()
        listed.add(MANIFEST_FILE)
    present = sorted(child.name for child in target.iterdir())
    others = [name for name in present if not _written_by_pack(name, listed) or (target / name).is_dir()]
    if others:
        raise UsageProblem(N_("{output} holds files an earlier pack did not write ({name}): --force only replaces a "
                              "pack's own output; empty that folder yourself, or choose another"),
                           output=output, name=others[0])
    # The manifest goes last: a --force stopped halfway leaves a manifest listing what is still there.
    return sorted(present, key=lambda name: name == MANIFEST_FILE)


def _written_by_pack(name: str, listed: set[str]) -> bool:
    """A name the manifest lists, or the temporary one of them was being written to when a pack was killed."""
    temporary = TEMPORARY_NAME.fullmatch(name)
    return name in listed or (temporary is not None and temporary["name"] in listed)


def prepare_output(output: Path, folder: Path, *, force: bool, sources: Sequence[Entry] = ()) -> None:
    """Checks OUT again and creates it; with --force an earlier pack's files go (a link among them is removed,
    never followed), and nothing else. A file there that is also one of the `sources` under another name (a
    hard link, a bind mount) is refused before anything goes: removing that name would make the source look
    changed."""
    check_output(output, folder, force=force)
    target = output.resolve()
    if target.exists() and any(target.iterdir()):
        names = _earlier_pack(target, output)
        originals = {(entry.device, entry.inode): entry.path for entry in sources if entry.inode is not None}
        for name in names:
            info = (target / name).lstat()
            if (info.st_dev, info.st_ino) in originals:
                raise UsageProblem(N_("--output {output}: {name} there is the same file as {path} in the documents "
                                      "folder (a hard link or a bind mount): pack never removes a document under "
                                      "another name; remove that link or mount, or choose another folder"),
                                   output=output, name=name, path=originals[(info.st_dev, info.st_ino)])
        for name in names:
            (target / name).unlink()
    make_real_folder(target, f"--output {output}")


def read_source(source: Source) -> bytes:
    """The source's bytes, read once through a descriptor that does not follow links, provided it is
    still the file the scan examined; raises SourceRefused saying why not."""
    entry = source.entry
    try:
        # O_NONBLOCK: a FIFO put in the file's place must not hang the pack (no effect on regular files).
        descriptor = os.open(os.fsencode(entry.absolute),
                             os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise SourceRefused("changed" if error.errno in (errno.ELOOP, errno.ENOENT, errno.ENOTDIR)
                            else "unopenable", path=source.path) from None
    try:
        info = os.fstat(descriptor)
        seen = (entry.device, entry.inode, entry.size, entry.ctime_ns)
        if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino, info.st_size, info.st_ctime_ns) != seen:
            raise SourceRefused("changed", path=source.path)
        if info.st_size > MAX_SOURCE_BYTES:
            raise SourceRefused("source_too_big", path=source.path, size=f"{info.st_size / 1048576:.0f}",
                                limit=f"{MAX_SOURCE_BYTES / 1048576:g}")
        chunks, remaining = [], info.st_size + 1  # one byte more shows a file that grew meanwhile
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError:
        raise SourceRefused("unopenable", path=source.path) from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if source.digest is None:
        raise SourceRefused("unverified", path=source.path)
    if len(data) != info.st_size or _sha256(data) != source.digest:
        raise SourceRefused("changed", path=source.path)
    return data


def _slots(scanned: Scanned, words: dict[str, str]) -> tuple[list[tuple[str, list[Source]]], list[dict[str, str]]]:
    """Each item's sources in report order, every document once: a copy or an older version (as the scan
    found them), and a second name for the same file (a link inside the folder, a hard link), are left
    out, saying which file is packed instead."""
    report = scanned.report
    by_item: dict[str, list[Source]] = {}
    first_of: dict[tuple[int | None, int | None], str] = {}
    repeats: list[dict[str, str]] = []
    for file, entry, digest in zip(report.files, scanned.entries, scanned.digests, strict=True):
        if file.item is None:
            continue
        if file.kept is not None:  # a copy, or an older version of a form: the scan named the file to keep
            repeats.append({"path": file.path, "reason": words["kept_instead"].format(path=file.kept)})
            continue
        identity = (entry.device, entry.inode)
        if identity in first_of:
            repeats.append({"path": file.path, "reason": words["same_file"].format(path=first_of[identity])})
            continue
        first_of[identity] = file.path
        by_item.setdefault(file.item, []).append(Source(file.path, file.kind, bool(file.form), entry, digest))
    return [(item.id, by_item[item.id]) for item in report.items if item.id in by_item], repeats


def _takes_one_image(item: Item) -> bool:
    """The photo slot: one picture, never pages merged into a document."""
    return item.id == "photo" or item.kinds == ("jpeg", "jp2")


def _plan(item: Item, kinds: list[str]) -> tuple[str, str]:
    """(action, extension) for an item's files: 'copy', 'jpeg' or 'merge'."""
    if _takes_one_image(item):
        return ("copy", "jpg") if set(kinds) == {"jpeg"} and len(kinds) == 1 else ("jpeg", "jpg")
    if len(kinds) == 1:
        kind = kinds[0]
        if kind in item.kinds or (not item.kinds and kind not in NEVER_COPIED):
            return "copy", {"jpeg": "jpg", "tiff": "tif"}.get(kind, kind)
    return "merge", "pdf"


def _check_plan(item: Item, sources: list[Source], words: dict[str, str]) -> tuple[str, str]:
    """The slot's (action, extension), or ValueError saying why it cannot be built (nothing read yet)."""
    kinds = [source.kind for source in sources]
    if any(kind not in IMAGE_KINDS | {"pdf"} for kind in kinds) and (len(kinds) > 1 or not (
            kinds[0] in item.kinds or not item.kinds)):
        raise ValueError(words["word"])
    if _takes_one_image(item) and len(sources) > 1:
        # Two photos are two candidates, not two pages: packing one would drop the other unseen.
        raise ValueError(words["several_photos"].format(count=len(sources)))
    action, extension = _plan(item, kinds)
    forms = [source for source in sources if source.form]
    if action == "merge" and forms:
        raise ValueError(words["form"].format(name=forms[0].entry.name))
    return action, extension


def _build(action: str, files: list[tuple[bytes, str]], *, shrink: bool) -> bytes:
    # pypdf and Pillow load only when a pack runs, not with every command.
    from permit_check.files.assemble import merge_to_pdf, to_jpeg

    if action == "copy":
        return files[0][0]
    if action == "jpeg":
        return to_jpeg(files[0][0], shrink=shrink, kind=files[0][1])
    return merge_to_pdf(files, shrink=shrink)


def _fit(action: str, extension: str, files: list[tuple[bytes, str]], data: bytes,
         limit: int, words: dict[str, str]) -> tuple[bytes, str, list[str]]:
    """Re-encodes scanned pages (or the image) at about 150 DPI when that makes the file smaller."""
    shrink_action = action if action != "copy" else ("merge" if extension == "pdf" else "jpeg")
    smaller = _build(shrink_action, files, shrink=True)
    if len(smaller) >= len(data):
        return data, extension, []
    new_extension = "pdf" if shrink_action == "merge" else "jpg" if shrink_action == "jpeg" else extension
    return smaller, new_extension, [words["shrunk"].format(limit=megabytes(limit, words))]


@dataclass(frozen=True)
class SlotTask:
    """What a worker needs to build one slot's file: the sources' bytes, never their paths."""

    action: str
    extension: str
    files: list[tuple[bytes, str]]
    has_form: bool
    limit: int | None
    words: dict[str, str]


def build_slot(task: SlotTask) -> tuple[Any, ...]:
    """Runs in a worker: ("built", data, extension, actions) or ("trouble", kind, source index)."""
    from permit_check.files.assemble import SourceTrouble, quiet_libraries

    words, extension = task.words, task.extension
    try:
        with quiet_libraries():
            data = _build(task.action, task.files, shrink=False)
            done = {"copy": [], "jpeg": [words["jpeg"]],
                    "merge": [words["merged"].format(count=len(task.files))]}[task.action]
            if task.limit is not None and len(data) > task.limit and not task.has_form:
                data, extension, shrunk = _fit(task.action, extension, task.files, data, task.limit, words)
                done = [*done, *shrunk]
    except SourceTrouble as trouble:
        return ("trouble", trouble.kind, trouble.source)
    return ("built", data, extension, done)


def _failure(outcome: Outcome, sources: list[Source], budget: Limits, words: dict[str, str]) -> str | None:
    """Why a slot was not built (in the user's words, from the kind of failure only), or None."""
    from permit_check.files.assemble import MAX_FRAMES

    if outcome.failure == TIMEOUT:
        return words["timeout"].format(seconds=decimal(budget.timeout, words["lang"]))
    if outcome.failure == MEMORY:
        return words["memory"]
    if outcome.failure:
        return words["crashed"]
    if outcome.value[0] == "trouble":
        _, kind, index = outcome.value
        path = sources[index].path if index is not None else ", ".join(source.path for source in sources)
        return words[kind].format(path=path, count=MAX_FRAMES)
    return None


def _pack_slot(item: Item, sources: list[Source], channel: Channel, limits: Limits, output: Path,
               words: dict[str, str], record: Record) -> dict[str, Any]:
    """Writes one slot's file; returns its manifest entry, or raises ValueError saying why it cannot.

    The slot is built in its own worker, with --timeout for each of its files and the memory cap.
    """
    for source in sources:
        if (source.entry.size or 0) > MAX_SOURCE_BYTES:  # refused before anything else: it is never read
            raise ValueError(words["source_too_big"].format(path=source.path, size=megabytes(
                source.entry.size or 0, words, digits=0), limit=megabytes(MAX_SOURCE_BYTES, words)))
    action, extension = _check_plan(item, sources, words)
    try:
        contents = [read_source(source) for source in sources]
    except SourceRefused as refusal:
        raise ValueError(words[refusal.key].format(**refusal.values)) from None
    task = SlotTask(action, extension, [(data, source.kind) for data, source in zip(contents, sources, strict=True)],
                    any(source.form for source in sources), channel.max_bytes, words)
    budget = replace(limits, timeout=limits.timeout * len(sources))
    outcome = run_tasks(build_slot, [task], jobs=1, limits=budget)[0]
    reason = _failure(outcome, sources, budget, words)
    if reason is not None:
        raise ValueError(reason)
    _, data, extension, done = outcome.value
    limit = channel.max_bytes
    if limit is not None and len(data) > limit:
        raise ValueError(words["too_big"].format(size=megabytes(len(data), words, digits=1),
                                                  limit=megabytes(limit, words)))
    name = f"{item.id}.{extension}"
    record.write(name, item.id, data)
    return {"output": name, "item": item.id, "size": len(data), "sha256": _sha256(data), "actions": done,
            "inputs": [{"path": source.path, "sha256": _sha256(content)}
                       for source, content in zip(sources, contents, strict=True)]}


class Record:
    """What this pack has written into OUT, said in an incomplete manifest before each file is written, so
    that a stopped pack can take it back (undo) and a killed one leaves a list a later --force can use."""

    def __init__(self, output: Path, report: Report) -> None:
        self.output, self.report = output, report
        self.files: list[dict[str, Any]] = []
        self.written: dict[str, tuple[int, int] | None] = {}  # name -> (device, inode) of the file written

    def write(self, name: str, item: str, data: bytes) -> None:
        """Writes the file `name`, after a manifest (incomplete) that names it."""
        self.files.append({"output": name, "item": item})
        write_manifest(self.output, self.report, PackResult(written=self.files), complete=False, record=self)
        self.written[name] = None  # written or not, it may be there from now on
        write_whole(self.output / name, data)
        self.written[name] = _identity(self.output / name, follow_links=False)

    def undo(self) -> None:
        """Removes what this pack wrote (the very files, by device and inode), the manifest last; a file whose
        identity is not known keeps the manifest that lists it, for a later --force."""
        kept = False
        for name, identity in reversed(self.written.items()):
            if name == MANIFEST_FILE:
                continue
            if identity is not None and _identity(self.output / name, follow_links=False) == identity:
                (self.output / name).unlink(missing_ok=True)
            elif (self.output / name).exists() or (self.output / name).is_symlink():
                kept = True
        manifest = self.written.get(MANIFEST_FILE)
        if not kept and manifest is not None and _identity(self.output / MANIFEST_FILE, follow_links=False) == manifest:
            (self.output / MANIFEST_FILE).unlink(missing_ok=True)


def pack(scanned: Scanned, checklist: Checklist, channel: Channel, output: Path, *,
         limits: Limits, record: Record) -> PackResult:
    """Writes one file per slot that has files into `output`, each after a manifest that names it (the
    `record`); what cannot be packed is listed, not guessed."""
    from permit_check.files import assemble  # noqa: F401 - pypdf and Pillow load once, before workers are forked

    report = scanned.report
    words = pack_words(report.lang)
    result = PackResult()
    slots, repeats = _slots(scanned, words)
    for item_id, sources in slots:
        try:
            result.written.append(_pack_slot(checklist.item(item_id), sources, channel, limits, output, words,
                                              record))
        except ValueError as error:
            result.failed.append({"item": item_id, "reason": str(error)})
    result.left_out = [{"path": file.path, "reason": words["left_out"]}
                       for file in report.files if file.item is None] + repeats
    return result


def write_manifest(output: Path, report: Report, result: PackResult, *, complete: bool = True,
                   record: Record | None = None) -> None:
    """The manifest: `complete` only once every slot has been written or refused."""
    manifest = {
        "complete": complete,
        "folder": report.folder,
        "checklist": report.checklist.id,
        "channel": report.channel,
        "files": result.written,
        "left_out": result.left_out,
        "failed": result.failed,
    }
    document = json_safe(json.dumps(manifest, indent=2, ensure_ascii=False))  # undecodable names as escapes
    if record is not None:
        record.written[MANIFEST_FILE] = None
    write_whole(output / MANIFEST_FILE, (document + "\n").encode("utf-8"))
    if record is not None:
        record.written[MANIFEST_FILE] = _identity(output / MANIFEST_FILE, follow_links=False)


def pack_folder(base: ScanOptions, output: Path, *, force: bool) -> CommandResult:
    """`permit-check pack`: the folder checked, one file per upload slot written to `output`, then `output`
    checked like any folder; the exit code is 1 when a slot could not be packed or the packed folder has errors."""
    folder = base.folder
    check_output(output, folder, force=force)  # before the folder is read; checked again before writing
    scanned = scan_folder(base)
    report = scanned.report
    created = not output.exists()
    prepare_output(output, folder, force=force, sources=scanned.entries)
    target = output.resolve()
    record = Record(target, report)
    try:
        result = pack(scanned, scanned.checklist, scanned.checklist.channels[report.channel], target,
                      limits=base.limits, record=record)
        write_manifest(target, report, result, record=record)
    except BaseException:
        # Stopped or failed halfway: no half pack is left looking ready (the folder too, if this pack made it).
        with contextlib.suppress(OSError):  # what cannot be removed stays listed, for a later --force
            record.undo()
            if created:
                target.rmdir()  # only when empty
        raise
    words, said = pack_words(report.lang), colon(report.lang)
    lines = []
    for entry in result.written:
        how = f" ({semicolon(report.lang).join(entry['actions'])})" if entry["actions"] else ""
        sources = ", ".join(visible(source["path"], keep="") for source in entry["inputs"])
        lines.append(f"  {entry['output']:<32} <- {sources}{how}")
    for failure in result.failed:
        lines.append(f"  {words['not_packed']} {failure['item']}{said}{failure['reason']}")
    for left in result.left_out:
        lines.append(f"  {words['left']:<10} {visible(left['path'], keep='')}{said}{left['reason']}")
    answers = folder / APPLICATION_FILE
    packed = run(replace(base, folder=output, type=report.checklist.id, channel=report.channel,
                         application=answers if answers.exists() else None, cache_dir=None, lang=report.lang,
                         exclude=()))
    batch = batch_of((packed,), base.as_of)
    shown = RenderOptions(verbosity=-1, chosen_verbosity=False)  # errors only, and pack has no -q to say so
    text = "\n".join([*lines, ""]) + "\n" + RENDERERS["text"](batch, shown)
    return CommandResult(text, EXIT_FINDINGS if result.failed else exit_code(batch, "error"),
                         stderr=(words["written"].format(path=output),))
