"""Checks of IRCC's upload rules: the content types a slot accepts, the size limit of the channel, and a
name that promises another kind of file."""

from __future__ import annotations

from typing import Any

from permit_check.files.kind import IMAGE_KINDS, kind_name
from permit_check.i18n import N_, decimal
from permit_check.model import Context, Finding, FixFirst
from permit_check.rules.checklist import Channel, Item
from permit_check.rules.checks.base import Check, E, W, listed

BINARY_MB, DECIMAL_MB = 1_048_576, 1_000_000
# The extension to suggest when a file's name promises the wrong kind.
KIND_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "tiff": "tif", "jp2": "jp2", "doc": "doc",
                   "docx": "docx", "text": "txt", "heic": "heic", "webp": "webp", "gif": "gif", "bmp": "bmp",
                   "zip": "zip"}
# How to convert a file into the first kind a slot accepts.
CONVERT_HINTS = {
    "jpeg": N_("Export or convert it to JPEG (.jpg) in a photo editor and replace the file."),
    "pdf": N_("Save or print it to PDF and replace the file."),
}
CONVERT_ANY = N_("Convert it to {name} and replace the file.")
# An iPhone's HEIC photo: how to get a JPEG, and that pack converts it.
HEIC_HINT = N_("Convert it to JPEG (on a Mac: open it in Preview, File > Export > JPEG; on Windows: open it in "
               "Photos, Save as .jpg), or let permit-check pack convert it. On an iPhone, Settings > Camera > "
               "Formats > Most Compatible takes JPEG from now on.")

CONTENT_TYPE = Check(
    "content-type", E,
    N_("{path} is {kind_name}; the {title} slot accepts {accepted}."),
    "{fix}",
    summary=N_("A file of a kind this upload slot does not accept."), rank=FixFirst.DATES_AND_UPLOAD,
)
# A file the slot refuses whose name also promises another kind: one finding says both, so that its one fix
# (convert it) is not contradicted by another finding's "rename it" to a kind the slot refuses as well.
CONTENT_TYPE_MISNAMED = N_("{path} is named .{extension} but is really {kind_name}; the {title} slot accepts "
                           "{accepted}.")

MAX_SIZE = Check(
    "max-size", E,
    N_("{path} is {size_mb} MB; the {channel} accepts at most {limit_mb} MB per file."),
    N_("Scan again at 150 DPI or less, or save the PDF with a 'reduced size' setting, until it is under "
        "{limit_mb} MB."),
    summary=N_("A file over the upload size limit of the channel."), rank=FixFirst.DATES_AND_UPLOAD,
)

SIZE_UNCERTAIN = Check(
    "size-uncertain", W,
    N_("{path} is {size_bytes} bytes: over {limit_mb} MB if IRCC counts 1,000,000 bytes to a MB, under it if "
        "1,048,576. The {channel} may refuse it."),
    N_("To be safe, make it smaller than {safe_bytes} bytes: scan again at 150 DPI or less, or save a "
        "smaller copy."),
    summary=N_("A file whose size is over or under the upload limit depending on how IRCC counts a MB."),
    rank=FixFirst.DATES_AND_UPLOAD,
)

EXTENSION_MISMATCH = Check(
    "extension-mismatch", E,
    N_("{path} is named .{extension} but is really {kind_name}."),
    N_("Open it in the program that made it and save or export it as a real {expected_name} (or rename it to "
        ".{right_extension})."),
    summary=N_("A file whose extension does not match what it really is."), rank=FixFirst.UNREADABLE,
)
# Where the file goes accepts what it really is but not what its name promises: renaming is the whole fix.
RENAME_HINT = N_("Rename it to .{right_extension}: it can be uploaded as it is, under its real extension.")


# MAX_SIZE's fix depends on what the file is: a photo is not made smaller the way a PDF is.
SIZE_HINTS = {
    "pdf": MAX_SIZE.hint,
    "image": N_("Save it again at a lower resolution (150 DPI is enough for a scan) or a lower JPEG quality, "
                "until it is under {limit_mb} MB."),
    "other": N_("Save it as a PDF (pictures compressed, 150 DPI), until it is under {limit_mb} MB."),
}


def size_hint(kind: str, context: Context) -> str:
    """How to make a file of this kind smaller."""
    return context._(SIZE_HINTS["pdf" if kind == "pdf" else "image" if kind in IMAGE_KINDS else "other"])


def _decimal(value: float, context: Context) -> str:
    """4.1 in English, 4,1 in French; whole numbers without a decimal part."""
    return decimal(value, context.lang, None if float(value).is_integer() else 1)


def _thousands(value: int, context: Context) -> str:
    """4,100,000 in English, 4 100 000 in French (narrow no-break spaces)."""
    return f"{value:,}".replace(",", context.pgettext("thousands separator", ","))


def accepted_kinds(item: Item | None, channel: Channel) -> tuple[str, ...]:
    """The kinds a file may be uploaded as: its slot's, else (or for a file in no slot) the channel's."""
    return (item.kinds if item is not None else ()) or channel.kinds


def conversion_fix(kind: str, accepted: tuple[str, ...], context: Context) -> str:
    """How to turn a file of a kind that is not accepted into the first kind that is (an iPhone's HEIC photo
    into JPEG, which pack does, wherever JPEG is accepted), in the context's language."""
    if kind == "heic" and "jpeg" in accepted:
        return context._(HEIC_HINT)
    if accepted[0] in CONVERT_HINTS:
        return context._(CONVERT_HINTS[accepted[0]])
    return context._(CONVERT_ANY).format(name=kind_name(accepted[0], article=True, lang=context.lang))


def kind_findings(facts: dict[str, Any], item_id: str | None, slot: Item | None, channel: Channel,
                  context: Context) -> list[Finding]:
    """What the file really is, against its name and the kinds accepted where it goes (`slot` None: no slot
    judges it). A misnamed file its slot refuses gets the slot's one finding, which names both."""
    refused = content_type(facts, slot, channel, context) if slot is not None else []
    return refused or extension_mismatch(facts, item_id, slot, channel, context)


def extension_mismatch(facts: dict[str, Any], item_id: str | None, slot: Item | None, channel: Channel,
                       context: Context) -> list[Finding]:
    """A file whose name promises another kind than its content. Its fix fits where the file goes: renaming it
    only where what it really is is accepted, converting it where that is not."""
    if facts["extension_matches"]:
        return []
    kind = facts["kind"]
    accepted = accepted_kinds(slot, channel)
    hint = None
    if kind not in accepted:
        hint = conversion_fix(kind, accepted, context)
    elif facts["extension_kind"] not in accepted:
        hint = context._(RENAME_HINT)
    return [EXTENSION_MISMATCH.finding(
        context, item=item_id, path=facts["path"], hint=hint, extension=facts["extension"],
        kind_name=kind_name(kind, article=True, lang=context.lang),
        expected_name=kind_name(facts["extension_kind"], lang=context.lang),
        right_extension=KIND_EXTENSIONS.get(kind, facts["extension"]),
    )]


def content_type(facts: dict[str, Any], item: Item, channel: Channel, context: Context) -> list[Finding]:
    """A kind of file the item's slot (else the channel) does not accept; a name that promises yet another kind
    is said in the same finding."""
    accepted = accepted_kinds(item, channel)
    kind = facts["kind"]
    if kind in accepted or kind == "empty":
        return []
    names = [kind_name(accepted_kind, article=True, lang=context.lang) for accepted_kind in accepted]
    misnamed = not facts.get("extension_matches", True)
    return [CONTENT_TYPE.finding(
        context, item=item.id, path=facts["path"], message=context._(CONTENT_TYPE_MISNAMED) if misnamed else None,
        kind_name=kind_name(kind, article=True, lang=context.lang), extension=facts.get("extension"),
        title=item.title, accepted=listed(names, context._("or")), fix=conversion_fix(kind, accepted, context),
    )]


def size(facts: dict[str, Any], item_id: str | None, channel: Channel, context: Context) -> list[Finding]:
    """Over the limit read in binary megabytes: refused. Between the decimal and the binary reading: may be."""
    limit = channel.max_bytes
    file_size = facts.get("size", 0)
    if limit is None:
        return []
    limit_mb = limit / BINARY_MB
    safe = round(limit_mb * DECIMAL_MB)
    if file_size > limit:
        # In MB as IRCC writes it (decimal): a refused file is over 4.19 of those, so it never shows as 4.
        return [MAX_SIZE.finding(
            context, item=item_id, path=facts["path"], size_mb=_decimal(round(file_size / DECIMAL_MB, 1), context),
            limit_mb=_decimal(limit_mb, context), channel=channel.title,
            hint=size_hint(facts.get("kind", ""), context),
        )]
    if file_size > safe:
        return [SIZE_UNCERTAIN.finding(
            context, item=item_id, path=facts["path"], size_bytes=_thousands(file_size, context),
            limit_mb=_decimal(limit_mb, context), safe_bytes=_thousands(safe, context), channel=channel.title,
        )]
    return []
