"""Metadata, JSON and CSV of a published table."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.insights.definitions import DEFINITIONS

from .suppression import THRESHOLD
from .tables import Table

SOURCE = "Simpul IKM — registri IKM"
HIDDEN_COLUMN = "ditekan"  # CSV: names of the row's hidden columns, ";"-separated
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def licence() -> str:
    return getattr(
        settings,
        "OPENDATA_LICENCE",
        _(
            "Creative Commons Atribusi 4.0 (CC BY 4.0): boleh disalin, diolah dan "
            "disebarkan ulang dengan menyebut sumber “Simpul IKM — registri IKM”."
        ),
    )


def suppression_rule() -> str:
    return _(
        "Sel dengan 1–4 IKM tidak ditampilkan (JSON: null; CSV: kosong dan nama kolomnya "
        "di kolom “ditekan”; halaman: “<%(n)s”). Penekanan sekunder: bila dalam satu "
        "hubungan jumlah (total dan bagian-bagiannya: wilayah dan wilayah di bawahnya, "
        "subtotal golongan pokok atau kelas usaha dan selnya) hanya satu angka yang "
        "ditekan, bagian terkecil berikutnya yang bukan nol ikut ditekan, agar angka yang "
        "ditekan tidak dapat dihitung dari total. Nilai angka tahunan (tenaga kerja, "
        "investasi, produksi, penjualan, ekspor) hanya ditampilkan bila paling sedikit "
        "%(n)s IKM melapor, dengan aturan sekunder yang sama atas jumlah IKM pelapor. "
        "Persentase perempuan dan pertumbuhan ditekan bila angka dasarnya ditekan."
    ) % {"n": THRESHOLD}


def metadata(table: Table) -> dict:
    columns = []
    for c in table.columns:
        definition = DEFINITIONS.get(c.description)
        columns.append(
            {
                "nama": c.name,
                "label": str(c.label),
                "jenis": {"text": "teks", "int": "bilangan bulat", "decimal": "desimal"}[c.kind],
                "definisi": str(definition) if definition else str(c.description),
            }
        )
    return {
        "judul": table.title,
        "tabel": table.key,
        "tahun": table.year,
        "sumber": SOURCE,
        "dibuat": timezone.localtime().isoformat(timespec="seconds"),
        "lisensi": str(licence()),
        "cakupan": _(
            "Angka IKM: posisi akhir tahun %(year)s (untuk tahun berjalan: posisi saat data "
            "dibuat), menurut lokasi IKM saat ini. Angka tahunan: laporan tahun %(year)s "
            "dari IKM terverifikasi."
        )
        % {"year": table.year},
        "penekanan_sel_kecil": suppression_rule(),
        "kolom": columns,
    }


def as_json(table: Table) -> dict:
    def plain(value):
        return float(value) if isinstance(value, Decimal) else value

    rows = [{k: plain(v) for k, v in row.items()} for row in table.rows]
    return {"metadata": metadata(table), "data": rows}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value)
    # Formula-safe: a spreadsheet must not run a text cell as a formula.
    return "'" + text if text.startswith(FORMULA_START) else text


def as_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [c.name for c in table.columns]
    writer.writerow([*names, HIDDEN_COLUMN])
    for row, hidden in zip(table.rows, table.hidden, strict=True):
        writer.writerow([*(_cell(row[n]) for n in names), ";".join(hidden)])
    return buffer.getvalue()
