"""Real files for the document tests: made by Pillow (PDF, JPEG, PNG) and by hand (the
attacks: SVG with a script, an HTML page, polyglots, a renamed program)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo


def _pdf_once() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "PDF")
    return out.getvalue()


# Built once: Pillow stamps the current second into the PDF, so two fresh builds
# could differ and a test comparing a stored file with pdf_bytes() would flicker.
_PDF = _pdf_once()


def pdf_bytes() -> bytes:
    return _PDF


def jpeg_bytes(**options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 120, 40)).save(out, "JPEG", **options)
    return out.getvalue()


def png_bytes(**options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 40)).save(out, "PNG", **options)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
    return out.getvalue()


def png_with_pdf_header() -> bytes:
    info = PngInfo()
    info.add_text("Comment", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    return png_bytes(pnginfo=info)


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"
    + b"\x00" * 200
    + b"This program cannot be run in DOS mode"
)
PDF_WITH_SCRIPT = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>"
    b" >>\nendobj\nxref\n0 1\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# Each attack: (file name, bytes, the words its refusal must contain).
ATTACKS = [
    ("logo.svg", SVG, "SVG tidak diterima"),
    ("ktp.html", HTML, "halaman web (HTML) tidak diterima"),
    ("ktp.jpg", jpeg_bytes() + HTML, "data tambahan setelah akhir gambar"),
    ("ktp.jpg", jpeg_bytes() + zip_bytes(), "data tambahan setelah akhir gambar"),
    ("foto.png", png_bytes() + b"<script>alert(1)</script>", "data tambahan setelah akhir gambar"),
    ("foto.png", png_with_pdf_header(), "halaman web atau PDF di dalamnya"),
    ("nib.pdf", pdf_bytes() + zip_bytes(), "PDF"),
    ("nib.pdf", PDF_WITH_SCRIPT, "skrip"),
    ("nib.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n", "tidak lengkap"),
    ("ktp.pdf", EXE, "program (exe) tidak diterima"),
    ("ktp.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), "terlalu besar"),
    ("ktp.jpg", b"", "kosong"),
]
