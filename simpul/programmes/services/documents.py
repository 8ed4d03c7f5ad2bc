"""Application documents (a KTP scan, an NIB print-out, a product photo): checked by content,
stored under a random name, handed out only through a permission-checked download.

Only PDF, JPEG and PNG are accepted, recognised by their bytes and never by their name.
Images are decoded with Pillow (the catalogue's photo checks); a PDF must have its header,
its `startxref … %%EOF` trailer and no scripts, launch actions or embedded files. A file
that is two things at once (a polyglot: a JPEG with an HTML page or a zip appended, a PNG
carrying a PDF header) is refused: anything after the image's end marker, any web markup
and any PDF header inside an image. Refused files leave nothing behind."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from simpul.catalogue.services.photos import decode_photo, sniff_format
from simpul.registry.services.permissions import is_own

from ..models import Application, ApplicationDocument
from ..permissions import can_review, can_see_applicants

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
PDF_TRAILER_WINDOW = 1024  # the PDF spec wants %%EOF within the file's last 1024 bytes
ZIP_END_WINDOW = 65_557  # a zip's end record sits in its last 22 bytes + 64 KB of comment

ACCEPTED = {
    "PDF": ("application/pdf", "pdf"),
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
}
_MARKUP = (b"<script", b"<html", b"<svg", b"<!doctype", b"<?php", b"<iframe", b"<body")
_PDF_ACTIVE = re.compile(
    rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9])", re.IGNORECASE
)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PADDING = b"\x00\r\n\t "


@dataclass(frozen=True)
class CheckedDocument:
    """An upload that passed every check, ready to store."""

    name: str
    data: bytes
    content_type: str
    extension: str


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="document")


def read_upload(upload: IO[bytes]) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _refuse(_("Berkas terlalu besar: paling besar 5 MB."))
    if not data:
        raise _refuse(_("Berkas kosong."))
    return data


def _what_else(data: bytes) -> str:
    """A specific refusal for the usual wrong files, a general one for the rest."""
    head = data[:512].lstrip(b"\xef\xbb\xbf" + _PADDING).lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return _("Berkas SVG tidak diterima: kirim PDF, JPG, atau PNG.")
    if head.startswith(b"<"):
        return _("Berkas halaman web (HTML) tidak diterima: kirim PDF, JPG, atau PNG.")
    if data.startswith((b"MZ", b"\x7fELF")):
        return _("Berkas program (exe) tidak diterima: kirim PDF, JPG, atau PNG.")
    if data.startswith(b"PK\x03\x04"):
        return _("Berkas zip/dokumen Office tidak diterima: simpan sebagai PDF lalu kirim.")
    return _("Jenis berkas tidak diterima: kirim PDF, JPG, atau PNG.")


def _has_markup(data: bytes) -> bool:
    lowered = data.lower()
    return any(tag in lowered for tag in _MARKUP)


def _check_pdf(data: bytes) -> None:
    tail = data[-PDF_TRAILER_WINDOW:]
    if b"%%EOF" not in tail or b"startxref" not in data[-PDF_TRAILER_WINDOW * 2 :]:
        raise _refuse(_("Berkas PDF rusak atau tidak lengkap (akhir berkas tidak ditemukan)."))
    if tail[tail.rfind(b"%%EOF") + 5 :].strip(_PADDING):
        raise _refuse(_("Ada data tambahan setelah akhir PDF; berkas ini tidak diterima."))
    if b"obj" not in data:
        raise _refuse(_("Berkas PDF rusak: tidak berisi objek PDF."))
    if b"PK\x05\x06" in data[-ZIP_END_WINDOW:] or _has_markup(data):
        raise _refuse(_("PDF ini membawa berkas lain (zip atau halaman web) dan tidak diterima."))
    # Names may be written with #xx escapes (/J#61vaScript): undo them before looking.
    plain = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), data)
    if _PDF_ACTIVE.search(plain):
        raise _refuse(
            _("PDF berisi skrip, tindakan otomatis, atau lampiran tersembunyi; cetak ulang ke PDF.")
        )


def _skip_entropy_data(data: bytes, i: int) -> int | None:
    """From inside a JPEG scan, the offset of the next real marker (FF not followed by a
    stuffed 00 or a restart marker)."""
    while True:
        j = data.find(b"\xff", i)
        if j < 0 or j + 1 >= len(data):
            return None
        following = data[j + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            i = j + 2
        elif following == 0xFF:
            i = j + 1  # fill byte before a marker
        else:
            return j


def jpeg_end(data: bytes) -> int | None:
    """Offset just past the JPEG's end-of-image marker, walking its segments (a thumbnail
    inside EXIF carries its own FFD9, so searching for the bytes would stop too early)."""
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            return None
        while i < len(data) and data[i] == 0xFF:
            i += 1
        if i >= len(data):
            return None
        marker, i = data[i], i + 1
        if marker == 0xD9:
            return i
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue
        length = int.from_bytes(data[i : i + 2], "big")
        if length < 2 or i + length > len(data):
            return None
        i += length
        if marker == 0xDA:
            i = _skip_entropy_data(data, i)
            if i is None:
                return None
    return None


def png_end(data: bytes) -> int | None:
    """Offset just past the PNG's IEND chunk."""
    i = 8
    while i + 12 <= len(data):
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        i += 12 + length
        if kind == b"IEND":
            return i if i <= len(data) else None
    return None


def _check_image(data: bytes, kind: str) -> None:
    try:
        decode_photo(data)
    except ValidationError as exc:
        raise _refuse(" ".join(exc.messages)) from None
    end = jpeg_end(data) if kind == "JPEG" else png_end(data)
    if end is None:
        raise _refuse(_("Gambar rusak atau terpotong."))
    if data[end:].strip(_PADDING):
        raise _refuse(
            _(
                "Ada data tambahan setelah akhir gambar (berkas gabungan); "
                "kirim foto atau hasil pindaian biasa."
            )
        )
    if _has_markup(data) or b"%PDF-" in data:
        raise _refuse(_("Gambar ini menyimpan halaman web atau PDF di dalamnya; tidak diterima."))


def check_document(*, name: str, upload: IO[bytes]) -> CheckedDocument:
    """Read and check one upload; ValidationError (Indonesian) when it is refused."""
    data = read_upload(upload)
    if data.startswith(b"%PDF-"):
        kind = "PDF"
        _check_pdf(data)
    else:
        kind = sniff_format(data[:16])
        if kind not in ("JPEG", "PNG"):
            raise _refuse(_what_else(data))
        _check_image(data, kind)
    content_type, extension = ACCEPTED[kind]
    return CheckedDocument(name=name, data=data, content_type=content_type, extension=extension)


def document_store(*, application: Application, checked: CheckedDocument) -> ApplicationDocument:
    """Write the file under a random name (the uploaded name is not kept: it may be a
    path, a script name or someone's NIK) and its row. Called inside the caller's
    transaction; the caller removes written files if the transaction fails."""
    document = ApplicationDocument(
        application=application,
        name=checked.name[:160],
        content_type=checked.content_type,
        size=len(checked.data),
    )
    filename = f"{secrets.token_urlsafe(18)}.{checked.extension}"
    document.file.save(filename, ContentFile(checked.data), save=False)
    try:
        document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    return document


def can_download(user: Any, document: ApplicationDocument) -> bool:
    """The applying enterprise's owner, office staff inside the programme's region, and
    the office staff on the panel of the stage the application sits in. Panelists from
    outside the offices never: documents such as a KTP carry the owner's NIK."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    application = document.application
    if user.is_owner:
        return is_own(user, application.enterprise)
    if can_see_applicants(user, application.programme):
        return True
    if not user.is_office_staff:
        return False
    return application.stage is not None and can_review(user, application, application.stage)
