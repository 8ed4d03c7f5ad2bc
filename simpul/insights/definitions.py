"""What each indicator means, in the words pages and reports print next to the number."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DEFINITIONS = {
    "registered": _(
        "IKM terdaftar: IKM yang datanya dibuat sampai akhir tahun dan kini berstatus "
        "diajukan, terverifikasi atau perlu perbaikan (bukan draf, bukan ditolak)."
    ),
    "verified": _(
        "IKM terverifikasi: IKM yang diverifikasi Dinas sampai akhir tahun dan masih "
        "berstatus terverifikasi."
    ),
    "active": _(
        "IKM aktif: IKM terverifikasi yang menyampaikan laporan angka tahunan untuk tahun "
        "itu atau tahun sebelumnya."
    ),
    "new_registered": _(
        "IKM baru terdaftar: IKM yang datanya dibuat pada tahun itu dan kini bukan draf "
        "dan bukan ditolak."
    ),
    "new_verified": _(
        "IKM terverifikasi baru: IKM yang diverifikasi pada tahun itu dan masih "
        "berstatus terverifikasi."
    ),
    "growth": _(
        "Pertumbuhan (%): jumlah IKM terverifikasi pada akhir tahun dibanding akhir tahun "
        "sebelumnya: (akhir tahun − akhir tahun sebelumnya) ÷ akhir tahun sebelumnya × 100."
    ),
    "women_owned": _(
        "IKM milik perempuan: bagian IKM terverifikasi (akhir tahun) yang pemiliknya "
        "perempuan, dari seluruh IKM terverifikasi."
    ),
    "size_perm": _("Kelas usaha menurut Permenperin 64/2016, IKM terverifikasi akhir tahun."),
    "size_pp7": _("Kelas usaha menurut PP 7/2021, IKM terverifikasi akhir tahun."),
    "gp": _("Golongan pokok KBLI 2020 (dua digit pertama KBLI utama), IKM terverifikasi."),
    "area": _(
        "Desa/kelurahan: IKM terverifikasi menurut jenis desa lokasinya; kode desa 2xxx "
        "adalah desa (perdesaan), 1xxx kelurahan (perkotaan)."
    ),
    "figures": _(
        "Angka tahunan: jumlah dari laporan tahunan IKM terverifikasi untuk tahun itu "
        "(laporan dihitung sejak dikirim). Nilai dalam Rupiah per tahun."
    ),
    "online_share": _(
        "Bagian penjualan online: Σ (penjualan × persen online ÷ 100) ÷ Σ penjualan IKM "
        "yang mengisi persen online."
    ),
    "reach": _(
        "Jangkauan program: IKM berlokasi di wilayah ini yang menjadi peserta atau "
        "menyelesaikan program yang dilaksanakan tahun itu (tahun mulai pelaksanaan, atau "
        "tahun penutupan pendaftaran bila tanggal pelaksanaan belum ada)."
    ),
    "distribution": _(
        "Sebaran: IKM terverifikasi akhir tahun per wilayah di bawahnya. Konsentrasi 3 "
        "terbesar = bagian tiga wilayah terbanyak. Koefisien variasi = simpangan baku ÷ "
        "rata-rata jumlah per wilayah (0 = merata). Indeks Herfindahl-Hirschman = Σ (bagian "
        "× 100)², 0–10.000 (10.000 = semua di satu wilayah)."
    ),
    "sales_fall": _(
        "Penjualan turun dua periode berturut-turut: IKM terverifikasi dengan penjualan "
        "tahun itu < tahun sebelumnya < dua tahun sebelumnya (calon sasaran fasilitasi)."
    ),
}
