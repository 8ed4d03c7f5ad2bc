"""The blank import workbook an office can hand out: the columns the importer reads best
(the export's own headers) and a sheet that says what goes in each."""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .export import COLUMNS

# Column field → (what it holds, an example). Examples are written the way people type
# them, to show what the importer accepts.
NOTES: dict[str, tuple[str, str]] = {
    "code": (_("Kosongkan untuk IKM baru; diisi otomatis pada berkas ekspor."), ""),
    "name": (_("Wajib. Nama usaha seperti di papan nama atau NIB."), "Keripik Pisang Bu Sari"),
    "legal_form": (_("Perorangan, UD, CV, PT, PT Perorangan, Koperasi, Firma."), "UD"),
    "owner_name": (_("Nama pemilik sesuai KTP."), "Sari Wulandari"),
    "nik": (_("16 digit. Format kolom sebagai Teks agar Excel tidak mengubahnya."), ""),
    "phone": (_("Nomor HP/WA; boleh diawali 0 atau +62."), "0812-3456-7890"),
    "email": (_("Alamat e-mail pemilik (boleh kosong)."), ""),
    "address": (_("Jalan, RT/RW, dusun."), "Jl. Pisang No. 5 RT 02"),
    "village": (_("Nama desa/kelurahan; singkatan Ds./Kel. boleh."), "Gotong Royong"),
    "district": (_("Nama kecamatan; singkatan Kec. boleh."), "Tanjung Karang Pusat"),
    "regency": (_("Nama kabupaten/kota."), "Kota Bandar Lampung"),
    "village_code": (_("Kode Kemendagri desa/kelurahan bila diketahui."), "18.71.01.1001"),
    "kbli": (_("Kode KBLI 2020 lima digit; bila kosong, sistem menyarankan."), "10794"),
    "products": (_("Produk utama."), "keripik pisang"),
    "workers_male": (_("Jumlah tenaga kerja laki-laki, termasuk pemilik."), "2"),
    "workers_female": (_("Jumlah tenaga kerja perempuan, termasuk pemilik."), "3"),
    "workers_total": (_("Bila rincian L/P tidak diketahui, isi jumlahnya saja."), "5"),
    "investment_value": (_("Rupiah, di luar tanah dan bangunan."), "Rp 25 juta"),
    "production_capacity": (_("Jumlah dan satuan per periode."), "500 kg per bulan"),
    "production_value": (_("Rupiah per tahun."), "120.000.000"),
    "annual_sales": (_("Rupiah per tahun."), "150 jt"),
    "nib": (_("13 digit dari OSS. Format kolom sebagai Teks."), ""),
    "year_started": (_("Tahun mulai usaha, 4 angka."), "2015"),
    "sentra": (_("Nama sentra yang sudah terdaftar di wilayah Anda."), ""),
    "latitude": (_("Lintang dalam derajat desimal (negatif di selatan khatulistiwa)."), "-5.42"),
    "longitude": (_("Bujur dalam derajat desimal."), "105.26"),
}


def write_template(target: IO[bytes]) -> None:
    book = Workbook()
    data = book.active
    data.title = _("Data IKM")
    columns = [column for column in COLUMNS if column.field]
    data.append([column.header for column in columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
        data.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 2)
    # Text format, so NIK, NIB and phone numbers keep every digit and leading zero.
    for letter in (cell.column_letter for cell in data[1]):
        for row in range(2, 1002):
            data[f"{letter}{row}"].number_format = "@"
    guide = book.create_sheet(_("Petunjuk"))
    guide.append([_("Kolom"), _("Isi"), _("Contoh")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in columns:
        what, example = NOTES.get(column.field, ("", ""))
        guide.append([column.header, str(what), example])
    guide.column_dimensions["A"].width = 30
    guide.column_dimensions["B"].width = 70
    guide.column_dimensions["C"].width = 28
    book.save(target)
