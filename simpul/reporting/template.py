"""The workbook an office fills in to import yearly figures: the headings the reader
knows, a sheet that explains each column, and — for the due list — one row per enterprise
that has not reported yet, with its number, NIB, name, district and the year filled in.
Filled in and uploaded again, it goes in as it is."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from simpul.exchange.export import xlsx_value
from simpul.registry.models import Enterprise

from .reading import TEMPLATE_HEADINGS


def _explanations() -> list[tuple[str, str]]:
    return [
        ("nomor_ikm", _("Nomor IKM di Simpul IKM (wajib bila NIB kosong).")),
        ("nib", _("NIB dari OSS (boleh dipakai sebagai pengganti nomor IKM).")),
        ("nama_usaha", _("Nama usaha, hanya untuk memudahkan pengisian; tidak diimpor.")),
        ("kecamatan", _("Kecamatan, hanya untuk memudahkan pengisian; tidak diimpor.")),
        ("tahun", _("Tahun laporan, misalnya 2025.")),
        ("tk_laki_laki", _("Tenaga kerja laki-laki (orang).")),
        ("tk_perempuan", _("Tenaga kerja perempuan (orang).")),
        ("investasi", _("Nilai investasi tanpa tanah dan bangunan (Rp).")),
        ("nilai_produksi", _("Nilai produksi setahun (Rp).")),
        ("penjualan", _("Penjualan setahun (Rp); boleh ditulis 450.000.000 atau 450 jt.")),
        ("penjualan_online_persen", _("Bagian penjualan lewat toko online (0–100).")),
        ("ekspor", _("Nilai ekspor setahun (Rp); kosongkan bila tidak mengekspor.")),
        ("bahan_baku", _("Bahan baku utama.")),
        ("utilisasi_kapasitas_persen", _("Kapasitas produksi yang terpakai (0–100).")),
    ]


def figures_workbook(*, enterprises: Iterable[Enterprise] = (), year: int | None = None) -> bytes:
    """The template; with `enterprises`, one pre-filled row each for `year`."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Laporan tahunan"))
    sheet.append(list(TEMPLATE_HEADINGS))
    for enterprise in enterprises:
        # The caller selects village__parent: the district helps whoever fills it in.
        district = enterprise.village.parent.name if enterprise.village_id else ""
        # Names are the owners' own typing: no formula or control character reaches Excel.
        row = (enterprise.pk, enterprise.nib or None, enterprise.name, district, year)
        sheet.append([xlsx_value(value) for value in row])
    notes = book.create_sheet(_("Petunjuk"))
    notes.append([_("Kolom"), _("Isi")])
    for heading, text in _explanations():
        notes.append([heading, text])
    notes.append([])
    notes.append(
        [
            _(
                "Satu baris per IKM dan tahun. Bila satu baris salah, tidak ada yang disimpan; "
                "perbaiki baris yang disebut lalu unggah lagi."
            )
        ]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
