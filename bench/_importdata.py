"""A messy office list of IKM for the import benchmark, as Dinas spreadsheets really are.

Deterministic for a given seed. Title rows above a two-row header ("Tenaga Kerja" over L
and P), Indonesian headers in the spellings offices use, money as "1.500.000",
"Rp 2,5 juta", "Rp. 150.000.000,-", "750 rb"; phones with the leading 0 lost or in
scientific notation; valid NIKs built from the row's real district code and a birth date
(women's day + 40); a few NIKs in scientific notation; region names with "Kec."/"Kab."/
"Ds." prefixes, capitals and typos; about 2 % rows repeated from earlier in the file,
about 2 % rows with a planted error and a quarter without KBLI (the import suggests one).

`places` are real villages: (village code, village name, district name, regency name).
Nothing here touches Django or a database."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

SEED = 20260601
TITLE = [
    ["DATA INDUSTRI KECIL DAN MENENGAH (IKM) PROVINSI LAMPUNG"],
    ["Sumber: Dinas Perindustrian dan Perdagangan, keadaan Desember 2025"],
    [],
]
TOP = [
    "No",
    "NAMA PERUSAHAAN",
    "Nama Pemilik",
    "NIK Pemilik",
    "No. HP/WA",
    "Alamat Usaha",
    "Desa/Kel",
    "Kec.",
    "Kab/Kota",
    "Komoditi",
    "KBLI 2020",
    "Tenaga Kerja",
    "",
    "Nilai Investasi (Rp)",
    "Omzet/Tahun",
    "NIB",
    "Th. Berdiri",
    "Bentuk Usaha",
]
SUB = [""] * 11 + ["L", "P"] + [""] * 5
WIDTH = len(TOP)
(
    C_NO,
    C_NAME,
    C_OWNER,
    C_NIK,
    C_PHONE,
    C_ADDRESS,
    C_VILLAGE,
    C_DISTRICT,
    C_REGENCY,
    C_PRODUCT,
    C_KBLI,
    C_MALE,
    C_FEMALE,
    C_INVEST,
    C_SALES,
    C_NIB,
    C_YEAR,
    C_LEGAL,
) = range(WIDTH)

# (product as written, its KBLI kelompok in the built-in set, a word for the name)
PRODUCTS = [
    ("keripik pisang", "10794", "Keripik"),
    ("keripik singkong balado", "10794", "Keripik"),
    ("kerupuk ikan", "10794", "Kerupuk"),
    ("tahu", "10392", "Tahu"),
    ("tempe", "10391", "Tempe"),
    ("roti dan kue kering", "10710", "Roti"),
    ("kue basah", "10792", "Kue"),
    ("kopi bubuk robusta", "10761", "Kopi"),
    ("gula merah aren", "10722", "Gula Aren"),
    ("dodol nanas", "10796", "Dodol"),
    ("ikan asin", "10211", "Ikan Asin"),
    ("ikan asap", "10212", "Ikan Asap"),
    ("bakso ikan", "10216", "Bakso"),
    ("kecap manis", "10771", "Kecap"),
    ("bumbu pecel", "10772", "Bumbu"),
    ("manisan buah", "10733", "Manisan"),
    ("rendang kemasan", "10750", "Rendang"),
    ("tepung tapioka", "10613", "Tapioka"),
    ("olahan rumput laut", "10298", "Rumput Laut"),
    ("teh herbal", "10762", "Herbal"),
    ("air minum isi ulang", "11052", "Depot Air"),
    ("kain tapis lampung", "13912", "Tapis"),
    ("kain tenun ikat", "13122", "Tenun"),
    ("batik tulis", "13134", "Batik"),
    ("konveksi kaos", "14111", "Konveksi"),
    ("jahit pakaian", "14120", "Penjahit"),
    ("bordir kerudung", "14302", "Bordir"),
    ("sandal kulit", "15201", "Sandal"),
    ("anyaman bambu", "16291", "Anyaman"),
    ("tikar pandan", "16292", "Tikar"),
    ("ukiran kayu", "16293", "Ukiran"),
    ("mebel kayu jati", "31001", "Mebel"),
    ("kursi rotan", "31002", "Rotan"),
    ("sabun herbal", "20231", "Sabun"),
    ("minyak atsiri nilam", "20294", "Atsiri"),
    ("gerabah tanah liat", "23932", "Gerabah"),
    ("golok dan pisau", "25931", "Pandai Besi"),
    ("perhiasan perak", "32112", "Perak"),
    ("kerajinan manik-manik", "32120", "Manik"),
    ("kerajinan tangan", "32903", "Kerajinan"),
]
PREFIX = ["UD ", "UD. ", "CV ", "Usaha ", "Home Industri ", "IKM ", "", "", "", "", "", ""]
SUFFIX = ["Jaya", "Makmur", "Abadi", "Sejahtera", "Mandiri", "Berkah", "Lestari", "Barokah"]
SUFFIX += ["Sentosa", "Indah", "Maju", "Baru", "Putra", "Putri", "Family", "Sakai", "", "", "", ""]
SYLLABLES = "ba bu da di ga ha ja ka ku la li ma mi na ni pa ra ri sa si su ta ti tu wa wi ya yu"
SYLLABLES += " de to ko no"
GIVEN = [(a + b).capitalize() for a in SYLLABLES.split() for b in SYLLABLES.split()]
FAMILY = ["Saputra", "Wati", "Sari", "Hidayat", "Pratama", "Lestari", "Susanto", "Rahayu"]
FAMILY += ["Wijaya", "Kusuma", "Handayani", "Setiawan", "Fitriani", "Gunawan", "", ""]
STREETS = ["Merdeka", "Sudirman", "Diponegoro", "Pahlawan", "Raya", "Kartini", "Ahmad Yani"]
STREETS += ["Pemuda", "Pasar", "Masjid", "Sekolah", "Teuku Umar", "Imam Bonjol", "ZA Pagar Alam"]
MOBILE = ["0812", "0813", "0821", "0822", "0852", "0853", "0857", "0878", "0896", "0838"]
LEGAL = ["", "", "", "", "UD", "ud.", "CV", "Perorangan", "perseorangan", "PT", "Koperasi"]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]

# Planted errors, each a (what, how) so the bench can report them.
ERRORS = (
    "no_name",
    "outside",
    "nik_scientific",
    "nik_region",
    "bad_phone",
    "bad_workers",
    "bad_nib",
    "unknown_place",
)


def _money(rng: random.Random, value: int) -> str:
    style = rng.random()
    if style < 0.30:
        return f"{value:,}".replace(",", ".")
    if style < 0.45:
        return str(value)
    if style < 0.60 and value >= 1_000_000:
        millions = round(value / 1_000_000, 1)
        text = f"{millions:g}".replace(".", ",")
        return f"Rp {text} juta" if rng.random() < 0.6 else f"{text} jt"
    if style < 0.75:
        return "Rp. " + f"{value:,}".replace(",", ".") + ",-"
    if style < 0.82 and value < 1_000_000:
        return f"{value // 1000} rb"
    if style < 0.88:
        return "Rp " + f"{value:,}".replace(",", ".")
    return ""


def _phone(rng: random.Random) -> str:
    digits = rng.choice(MOBILE) + f"{rng.randrange(10**8):08d}"
    style = rng.random()
    if style < 0.30:
        return ""
    if style < 0.55:
        return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"
    if style < 0.75:
        return digits
    if style < 0.88:
        return digits[1:]  # the leading 0 a spreadsheet dropped
    if style < 0.95:
        return f"+62 {digits[1:4]} {digits[4:8]} {digits[8:]}"
    if style < 0.98:
        return f"0721 {rng.randrange(200000, 799999)}"
    number = digits[1:]
    return f"{number[0]}.{number[1:]}E+{len(number) - 1}"  # every digit still there


def _nik(rng: random.Random, village_code: str) -> str:
    """A structurally valid NIK of the row's district: birth date, women's day + 40."""
    woman = rng.random() < 0.45
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1960, 2004)
    district = village_code[:8].replace(".", "")
    nik = f"{district}{day + 40 if woman else day:02d}{month:02d}{year % 100:02d}"
    return nik + f"{rng.randint(1, 9999):04d}"


def _typo(rng: random.Random, name: str) -> str:
    if len(name) < 7:
        return name
    i = rng.randrange(2, len(name) - 2)
    if name[i] == " " or name[i - 1] == " ":
        return name
    return name[:i] + name[i + 1 :]


def _village(rng: random.Random, name: str) -> str:
    style = rng.random()
    if style < 0.65:
        return name
    if style < 0.72:
        return "Ds. " + name
    if style < 0.78:
        return "Desa " + name
    if style < 0.82:
        return "Kel. " + name
    if style < 0.92:
        return name.upper()
    if style < 0.97:
        return name.lower()
    return _typo(rng, name)


def _district(rng: random.Random, name: str) -> str:
    style = rng.random()
    if style < 0.55:
        return name
    if style < 0.85:
        return "Kec. " + name
    return "KECAMATAN " + name.upper()


def _regency(rng: random.Random, name: str) -> str:
    style = rng.random()
    bare = name.removeprefix("Kabupaten ").removeprefix("Kota ")
    if style < 0.05:
        return ""
    if name.startswith("Kota "):
        return name if style < 0.6 else bare if style < 0.9 else name.upper()
    if style < 0.40:
        return "Kab. " + bare
    if style < 0.70:
        return bare
    if style < 0.90:
        return name
    return name.upper()


def _clean_row(rng: random.Random, number: int, place: tuple[str, str, str, str]) -> list[str]:
    code, village, district, regency = place
    product, kbli, word = rng.choice(PRODUCTS)
    given, given2 = rng.choice(GIVEN), rng.choice(GIVEN)
    owner = f"{given} {rng.choice(FAMILY)}".strip()
    name = f"{rng.choice(PREFIX)}{word} {given2} {rng.choice(SUFFIX)}".strip()
    if rng.random() < 0.05:
        name = name.upper()
    row = [""] * WIDTH
    row[C_NO] = str(number)
    row[C_NAME] = name
    row[C_OWNER] = owner if rng.random() < 0.93 else ""
    if rng.random() < 0.60:
        row[C_NIK] = _nik(rng, code)
    row[C_PHONE] = _phone(rng)
    style = rng.random()
    if style < 0.55:
        row[C_ADDRESS] = f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 250)}"
    elif style < 0.85:
        row[C_ADDRESS] = (
            f"Dusun {rng.choice(ROMAN)} RT {rng.randint(1, 20):03d}/RW {rng.randint(1, 9):03d}"
        )
    row[C_VILLAGE] = _village(rng, village)
    row[C_DISTRICT] = _district(rng, district)
    row[C_REGENCY] = _regency(rng, regency)
    row[C_PRODUCT] = product
    style = rng.random()
    if style < 0.62:
        row[C_KBLI] = kbli
    elif style < 0.70:
        row[C_KBLI] = rng.choice([f"C{kbli}", f"{kbli} ", f"KBLI {kbli}"])
    elif style < 0.73:
        row[C_KBLI] = "10799"  # not in KBLI 2020: a warning, then a suggestion
    male, female = rng.randint(0, 8), rng.randint(0, 8)
    if rng.random() < 0.9:
        row[C_MALE] = str(male) if rng.random() < 0.9 else f"{male} orang"
        row[C_FEMALE] = str(female)
    invest = rng.randrange(5, 2000) * 1_000_000 if rng.random() < 0.8 else rng.randrange(1, 999)
    row[C_INVEST] = _money(rng, invest * (1000 if invest < 1000 else 1))
    row[C_SALES] = _money(rng, rng.randrange(10, 5000) * 1_000_000)
    if rng.random() < 0.35:
        row[C_NIB] = f"{(9_120_000_000_000 + number * 7_919) % 10**13:013d}"
    if rng.random() < 0.7:
        year = rng.randint(1985, 2025)
        row[C_YEAR] = str(year) if rng.random() < 0.85 else f"Th. {year}"
    row[C_LEGAL] = rng.choice(LEGAL)
    return row


def _break(rng: random.Random, row: list[str], kind: str) -> None:
    if kind == "no_name":
        row[C_NAME] = ""
    elif kind == "outside":  # a real village of Kota Bandung: outside the office
        row[C_VILLAGE], row[C_DISTRICT], row[C_REGENCY] = "Sarijadi", "Sukasari", "Kota Bandung"
    elif kind == "nik_scientific":
        row[C_NIK] = "1.87101E+15"
    elif kind == "nik_region":
        row[C_NIK] = "1899" + (row[C_NIK] or "1871015203850001")[4:]
    elif kind == "bad_phone":
        row[C_PHONE] = str(rng.randrange(1000, 99999))
    elif kind == "bad_workers":
        row[C_MALE] = "banyak"
    elif kind == "bad_nib":
        row[C_NIB] = str(rng.randrange(10**7, 10**8))
    else:
        row[C_VILLAGE], row[C_DISTRICT] = "Antah Berantah", "Entah"


def data_rows(
    n: int,
    places: list[tuple[str, str, str, str]],
    *,
    seed: int = SEED,
    duplicate_share: float = 0.02,
    error_share: float = 0.02,
) -> Iterator[list[str]]:
    """`n` data rows (lists of cell texts); the same seed gives the same rows."""
    rng = random.Random(seed)
    recent: list[list[str]] = []
    for number in range(1, n + 1):
        roll = rng.random()
        if roll < duplicate_share and recent:
            row = list(rng.choice(recent))
            row[C_NO] = str(number)
            yield row
            continue
        row = _clean_row(rng, number, rng.choice(places))
        if roll < duplicate_share + error_share:
            _break(rng, row, rng.choice(ERRORS))
        else:
            if len(recent) < 4000:
                recent.append(row)
            else:
                recent[rng.randrange(4000)] = row
        yield row


def write_csv(path: Path, n: int, places, *, seed: int = SEED) -> int:
    """A semicolon CSV (what Excel writes in an Indonesian locale); returns its size."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerows(TITLE)
        writer.writerow(TOP)
        writer.writerow(SUB)
        writer.writerows(data_rows(n, places, seed=seed))
    return path.stat().st_size


def _typed(row: list[str]) -> list[object]:
    """Cells as a spreadsheet holds them: plain numbers become numbers (so a phone loses
    its leading 0 for real, a 13-digit NIB stays exact, a NIK typed as a number keeps 15
    digits), everything else stays text."""
    cells: list[object] = []
    for index, text in enumerate(row):
        if index == C_NIK and text == "1.87101E+15":
            cells.append(1.87101e15)
        elif text.isdigit() and (
            index in (C_NO, C_MALE, C_FEMALE, C_INVEST, C_SALES, C_YEAR)
            or (index == C_PHONE and text[0] != "0")
            or (index == C_NIB and int(text[-1]) % 2)
        ):
            cells.append(int(text))
        else:
            cells.append(text or None)
    return cells


def write_xlsx(path: Path, n: int, places, *, seed: int = SEED) -> int:
    """The same list as an XLSX (openpyxl write-only, constant memory); returns its size."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data IKM")
    for row in TITLE:
        sheet.append(row)
    sheet.append(TOP)
    sheet.append([cell or None for cell in SUB])
    for row in data_rows(n, places, seed=seed):
        sheet.append(_typed(row))
    book.save(path)
    return path.stat().st_size
