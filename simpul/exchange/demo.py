"""Demo import batches for Kota Bandar Lampung: one office list already imported and a
field survey waiting in preview, so an officer sees the import at work on the first
`make run`. The files are as messy as real ones: title rows, a two-row header, Rupiah
typed every which way, a phone Excel wrecked, a NIK in scientific notation, a duplicate
row and a village that does not exist."""

from __future__ import annotations

import datetime as dt
import io
import random

from openpyxl import Workbook

from simpul.accounts.models import Office, User
from simpul.regions.models import Region
from simpul.registry.demo.identifiers import IdentifierBook
from simpul.registry.demo.names import person_name
from simpul.registry.models import Enterprise

from . import services
from .choices import ErrorPolicy
from .models import ImportBatch

REGENCY = "18.71"
OFFICE_CODE = "dinas-18-71"
# Business name pattern, products, KBLI (None: left for the engine to suggest).
PRODUCTS = [
    ("Keripik Pisang {n}", "keripik pisang aneka rasa", "10794"),
    ("Kopi Bubuk {n}", "kopi bubuk robusta", "10761"),
    ("Sambal Lingkung {n}", "sambal ikan", None),
    ("Kemplang {n}", "kemplang ikan tenggiri", None),
    ("Tapis {n}", "kain tapis", "13121"),
    ("Pempek {n}", "pempek dan otak-otak", None),
    ("Mebel {n}", "kursi dan lemari kayu", "31001"),
    ("Kue Basah {n}", "kue basah dan roti", "10710"),
]
TITLE = ["DATA IKM BINAAN DINAS PERINDUSTRIAN KOTA BANDAR LAMPUNG"]
HEADER = ["No", "Nama Usaha", "Pemilik", "NIK", "No. HP/WA", "Alamat", "Kel.", "Kec."]
HEADER += ["Produk", "KBLI", "Tenaga Kerja", None, "Investasi (Rp)", "Omzet/Tahun"]
SUB_HEADER = [None] * 10 + ["L", "P", None, None]
MONEY = ["25.000.000", "Rp 40 juta", "15 jt", "120000000", "Rp 1,2 M", "75 juta"]


def _villages() -> list[Region]:
    return list(
        Region.objects.filter(level=Region.Level.VILLAGE, code__startswith=REGENCY + ".")
        .select_related("parent")
        .order_by("code")
    )


def _row(rng: random.Random, book: IdentifierBook, number: int, village: Region) -> list:
    female = rng.random() < 0.55
    owner = person_name(rng, female=female)
    pattern, products, kbli = rng.choice(PRODUCTS)
    birth = dt.date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
    nik = book.nik(village.code[:8], birth, female=female)
    phone = "0" + book.phone()[3:]
    return [
        number,
        pattern.format(n=owner.first),
        owner.full_name,
        nik,
        phone,
        f"Jl. {rng.choice(['Pisang', 'Kopi', 'Cempaka', 'Melati', 'Kenanga'])} No. {number}",
        ("Kel. " if rng.random() < 0.3 else "") + village.name,
        ("Kec. " if rng.random() < 0.3 else "") + village.parent.name,
        products,
        kbli,
        rng.randint(0, 4),
        rng.randint(1, 6),
        rng.choice(MONEY),
        rng.choice(MONEY),
    ]


def demo_workbook(seed: int, rows: int) -> bytes:
    rng = random.Random(f"{seed}-import")
    book = IdentifierBook(rng)
    villages = _villages()
    data = [_row(rng, book, n, rng.choice(villages)) for n in range(1, rows + 1)]
    data[3][4] = "8.52348E+10"  # a phone Excel turned into a number: dropped, warned
    data[5][3] = "1.87101E+15"  # a NIK that lost its digits: the row is refused
    data[7][6] = "Sukamaju Indah"  # no such kelurahan: refused with the nearest names
    data.append([rows + 1, *data[2][1:]])  # the same business listed twice
    sheet_book = Workbook()
    sheet = sheet_book.active
    sheet.title = "IKM 2025"
    for line in [TITLE, ["Keadaan Desember 2025"], [], HEADER, SUB_HEADER, *data]:
        sheet.append(line)
    sheet.merge_cells("K4:L4")
    for row in sheet.iter_rows(min_row=6, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "@"
    buffer = io.BytesIO()
    sheet_book.save(buffer)
    return buffer.getvalue()


def _upload(officer: User, name: str, data: bytes) -> ImportBatch:
    batch = services.batch_upload(actor=officer, file_name=name, data=data)
    services.batch_configure(
        batch=batch, actor=officer, mapping=batch.mapping, save_as="Daftar IKM binaan"
    )
    batch = services.batch_mark_previewing(batch=batch, actor=officer)
    return services.batch_preview_now(batch)


def seed_import_demo(*, seed: int) -> int:
    """Two batches of the Kota Bandar Lampung office; returns the enterprises created."""
    office = Office.objects.filter(code=OFFICE_CODE).first()
    officer = User.objects.filter(office=office, role="officer").order_by("id").first()
    if officer is None or not _villages():
        return 0
    before = Enterprise.objects.count()
    listed = _upload(officer, "daftar-ikm-binaan-2025.xlsx", demo_workbook(seed, 24))
    listed = services.batch_mark_committing(
        batch=listed, actor=officer, error_policy=ErrorPolicy.SKIP
    )
    services.batch_commit_now(listed, actor=officer)
    _upload(officer, "survei-lapangan-2026.xlsx", demo_workbook(seed + 1, 12))
    return Enterprise.objects.count() - before
