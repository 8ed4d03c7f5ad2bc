"""Recognise a spreadsheet by its content, not by the name it was uploaded with."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

from .errors import (
    MAX_COMPRESSION_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    ReadError,
    megabytes,
)

FORMATS = ("csv", "xlsx", "xls", "ods")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

# Extensions a person may give each format. Content decides between spreadsheet formats
# (offices often rename .xlsx to .xls and Excel still opens it), but a spreadsheet
# extension on a picture or a program is refused.
SPREADSHEET_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods"}
TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}

# Well-known non-spreadsheet signatures, so the message can say what the file really is.
FOREIGN_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF87a", "gambar GIF"),
    (b"GIF89a", "gambar GIF"),
    (b"%PDF", "dokumen PDF"),
    (b"MZ", "program Windows (.exe)"),
    (b"\x7fELF", "program"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf\x27\x1c", "arsip 7-Zip"),
    (b"\x1f\x8b", "arsip GZIP"),
)

SUPPORTED = "CSV, XLSX, XLS atau ODS"


def detect_format(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = MAX_COMPRESSION_RATIO,
) -> str:
    """Return ``"csv"``, ``"xlsx"``, ``"xls"`` or ``"ods"`` for the bytes of an upload."""
    check_size(len(data), max_bytes=max_bytes)
    ext = PurePath(filename).suffix.lower()
    if ext and ext not in SPREADSHEET_EXTENSIONS | TEXT_EXTENSIONS:
        raise ReadError(
            _("Jenis berkas %(ext)s tidak didukung; unggah berkas %(formats)s.")
            % {"ext": ext, "formats": SUPPORTED}
        )
    for magic, what in FOREIGN_SIGNATURES:
        if data.startswith(magic):
            raise _foreign(filename, what)
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data, filename, max_uncompressed, max_ratio)
    if data.startswith(OLE2_MAGIC):
        return _ole2_format(data, filename)
    return _text_format(data, filename, ext)


def check_size(size: int, *, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse an empty or oversized upload; callable before the bytes are read."""
    if size == 0:
        raise ReadError(_("Berkas kosong (0 bita); periksa lagi berkas yang diunggah."))
    if size > max_bytes:
        raise ReadError(
            _(
                "Berkas terlalu besar (%(size)s); batasnya %(limit)s. "
                "Bagi data menjadi beberapa berkas lalu unggah satu per satu."
            )
            % {"size": megabytes(size), "limit": megabytes(max_bytes)}
        )


def _foreign(filename: str, what: str) -> ReadError:
    return ReadError(
        _("Berkas %(name)s bukan lembar kerja: isinya %(what)s. Unggah berkas %(formats)s.")
        % {"name": filename, "what": what, "formats": SUPPORTED}
    )


def _zip_format(data: bytes, filename: str, max_uncompressed: int, max_ratio: float) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(
            _("Berkas %(name)s rusak atau terpotong; simpan ulang dari Excel lalu unggah lagi.")
            % {"name": filename}
        ) from None
    with archive:
        check_zip_bomb(archive, len(data), max_uncompressed, max_ratio)
        names = set(archive.namelist())
        if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
            return "ods"
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            raise _foreign(filename, "dokumen Word")
    raise _foreign(filename, "arsip ZIP")


def check_zip_bomb(
    archive: zipfile.ZipFile, packed_size: int, max_uncompressed: int, max_ratio: float
) -> None:
    """Refuse an archive whose declared contents would flood memory, without inflating it."""
    total = sum(info.file_size for info in archive.infolist())
    # A small archive cannot hurt however well it compresses (sheets of repeated
    # empty cells compress a lot), so the ratio only counts above 1 MB unpacked.
    ratio = total / max(packed_size, 1)
    if total > max_uncompressed or (total > 1024 * 1024 and ratio > max_ratio):
        raise ReadError(
            _(
                "Berkas ini mengembang menjadi %(size)s saat dibuka (batas %(limit)s, "
                "rasio pemadatan paling tinggi %(ratio)s kali); berkas ditolak demi keamanan."
            )
            % {
                "size": megabytes(total),
                "limit": megabytes(max_uncompressed),
                "ratio": f"{max_ratio:g}",
            }
        )


def _ole2_format(data: bytes, filename: str) -> str:
    # Stream names sit in the OLE2 directory as UTF-16LE; a byte search over at most
    # 25 MB is fast and needs no extra parser.
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise password_error()
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    if "WordDocument".encode("utf-16-le") in data:
        raise _foreign(filename, "dokumen Word")
    raise _foreign(filename, "dokumen Office yang bukan lembar kerja")


def password_error() -> ReadError:
    return ReadError(
        _(
            "Berkas ini dilindungi kata sandi; buka di Excel, simpan tanpa kata sandi, "
            "lalu unggah lagi."
        )
    )


def _text_format(data: bytes, filename: str, ext: str) -> str:
    if text_encoding(data) is None:
        raise ReadError(
            _("Isi berkas %(name)s tidak dikenali sebagai %(formats)s.")
            % {"name": filename, "formats": SUPPORTED}
        )
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype", b"<?xml", b"<table")):
        # Many web systems export an HTML table named .xls; Excel opens it with a warning.
        raise ReadError(
            _(
                "Berkas %(name)s sebenarnya halaman web (HTML), bukan lembar kerja; buka di "
                "Excel, simpan sebagai .xlsx, lalu unggah lagi."
            )
            % {"name": filename}
        )
    if ext in SPREADSHEET_EXTENSIONS:
        raise ReadError(
            _(
                "Berkas %(name)s bernama %(ext)s tetapi isinya teks biasa (CSV); ganti "
                "akhiran namanya menjadi .csv lalu unggah lagi."
            )
            % {"name": filename, "ext": ext}
        )
    return "csv"


def decode_text(data: bytes) -> str | None:
    """Decode CSV bytes as UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    encoding = text_encoding(data)
    return None if encoding is None else data.decode(encoding)


# Enough bytes for the first 65,536 characters in any of the encodings (≤ 4 bytes each).
HEAD_BYTES = 4 * 65536 + 16
_PIECE = 1024 * 1024


def text_encoding(data: bytes) -> str | None:
    """The encoding decode_text uses for these bytes, None when they are not text. Checked
    piece by piece, so a big file is never held a second time as one string."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" export is UTF-16 with a byte-order mark.
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", "cp1252"]
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            head = decoder.decode(data[:HEAD_BYTES], final=len(data) <= HEAD_BYTES)
            for start in range(HEAD_BYTES, len(data), _PIECE):
                decoder.decode(data[start : start + _PIECE], final=start + _PIECE >= len(data))
        except UnicodeDecodeError:
            continue
        return encoding if _looks_like_text(head) else None
    return None


def _looks_like_text(text: str) -> bool:
    # Control characters other than tab and line breaks betray a binary file that
    # happens to decode (cp1252 maps almost every byte).
    sample = text[:65536]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f")
    return bad == 0
