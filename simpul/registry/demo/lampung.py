"""The industry profile of Lampung used by the demo: where the IKM are, what they make and
under which KBLI code. Every KBLI code here exists in the built-in set
(`simpul/kbli/data/builtin_c.csv`), so the demo runs on `load_kbli --builtin` alone."""

from __future__ import annotations

from dataclasses import dataclass, field

PROVINCE_CODE = "18"


@dataclass(frozen=True)
class RegencyProfile:
    code: str
    weight: float  # share of the province's IKM (roughly population and town size)
    center: tuple[float, float]  # (lat, lon) of the regency seat, for approximate pins
    postal_base: int  # first postal code of the area; demo codes lie a little above it
    kpp: str  # tax office code used in demo NPWPs


REGENCIES: dict[str, RegencyProfile] = {
    p.code: p
    for p in (
        RegencyProfile("18.01", 9, (-5.73, 105.59), 35551, "324"),  # Lampung Selatan
        RegencyProfile("18.02", 10, (-4.96, 105.22), 34161, "321"),  # Lampung Tengah
        RegencyProfile("18.03", 6, (-4.82, 104.88), 34511, "326"),  # Lampung Utara
        RegencyProfile("18.04", 4, (-5.03, 104.06), 34811, "326"),  # Lampung Barat
        RegencyProfile("18.05", 4, (-4.47, 105.27), 34611, "326"),  # Tulang Bawang
        RegencyProfile("18.06", 6, (-5.45, 104.63), 35381, "323"),  # Tanggamus
        RegencyProfile("18.07", 8, (-5.10, 105.68), 34191, "321"),  # Lampung Timur
        RegencyProfile("18.08", 4, (-4.45, 104.52), 34761, "326"),  # Way Kanan
        RegencyProfile("18.09", 6, (-5.43, 105.10), 35366, "323"),  # Pesawaran
        RegencyProfile("18.10", 6, (-5.36, 104.97), 35371, "323"),  # Pringsewu
        RegencyProfile("18.11", 3, (-3.98, 105.40), 34697, "326"),  # Mesuji
        RegencyProfile("18.12", 3, (-4.52, 105.08), 34591, "326"),  # Tulang Bawang Barat
        RegencyProfile("18.13", 3, (-5.19, 103.93), 34871, "323"),  # Pesisir Barat
        RegencyProfile("18.71", 20, (-5.43, 105.26), 35111, "325"),  # Kota Bandar Lampung
        RegencyProfile("18.72", 8, (-5.11, 105.31), 34111, "321"),  # Kota Metro
    )
}


@dataclass(frozen=True)
class Product:
    name: str  # what the owner writes as "produk utama"
    label: str  # how it appears in business names ("Keripik Pisang")
    kbli: str


@dataclass(frozen=True)
class Industry:
    key: str
    weight: float
    female_share: float  # of owners and of workers
    unit: str
    capacity: tuple[int, int]  # monthly output of a micro unit
    products: tuple[Product, ...]
    # Regencies where this industry clusters, with a weight multiplier.
    hotspots: dict[str, float] = field(default_factory=dict)


def _p(name: str, label: str, kbli: str) -> Product:
    return Product(name, label, kbli)


INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        "keripik",
        14,
        0.62,
        "kg",
        (100, 1500),
        (
            _p("Keripik pisang cokelat", "Keripik Pisang", "10794"),
            _p("Keripik pisang original dan balado", "Keripik Pisang", "10794"),
            _p("Keripik pisang keju dan susu", "Keripik Pisang", "10794"),
            _p("Kerupuk kemplang panggang", "Kemplang", "10794"),
            _p("Kelanting singkong", "Kelanting", "10794"),
            _p("Keripik singkong balado", "Keripik Singkong", "10794"),
            _p("Keripik tempe", "Keripik Tempe", "10794"),
            _p("Pisang sale", "Pisang Sale", "10313"),
        ),
        {"18.71": 3, "18.01": 2, "18.09": 2, "18.10": 1.5, "18.02": 1.5},
    ),
    Industry(
        "emping",
        4,
        0.68,
        "kg",
        (80, 800),
        (
            _p("Emping melinjo", "Emping Melinjo", "10794"),
            _p("Emping melinjo pedas manis", "Emping", "10794"),
            _p("Rengginang ketan", "Rengginang", "10794"),
        ),
        {"18.01": 2.5, "18.09": 2, "18.06": 1.5},
    ),
    Industry(
        "kopi",
        10,
        0.3,
        "kg",
        (150, 2500),
        (
            _p("Kopi robusta bubuk", "Kopi Robusta", "10761"),
            _p("Kopi robusta biji sangrai", "Kopi", "10761"),
            _p("Kopi luwak bubuk", "Kopi Luwak", "10761"),
            _p("Kopi robusta petik merah (specialty)", "Kopi", "10761"),
            _p("Kopi bubuk campur jahe", "Kopi Jahe", "10761"),
        ),
        {"18.04": 6, "18.06": 4, "18.13": 3, "18.08": 2.5, "18.03": 1.5, "18.71": 1.2},
    ),
    Industry(
        "tahu_tempe",
        10,
        0.4,
        "kg",
        (300, 3000),
        (
            _p("Tempe kedelai", "Tempe", "10391"),
            _p("Tempe bungkus daun", "Tempe", "10391"),
            _p("Tahu putih dan tahu kuning", "Tahu", "10392"),
            _p("Tahu goreng", "Tahu", "10392"),
        ),
        {"18.71": 2, "18.72": 2.5, "18.02": 1.5, "18.10": 1.3, "18.07": 1.2},
    ),
    Industry(
        "kue",
        10,
        0.72,
        "kg",
        (50, 600),
        (
            _p("Engkak ketan (lapis legit Lampung)", "Engkak", "10792"),
            _p("Kue basah (lapis, lemper, bolu kukus)", "Kue", "10792"),
            _p("Roti dan kue kering", "Roti", "10710"),
            _p("Bolu pisang", "Bolu", "10710"),
            _p("Lempok dan dodol durian", "Lempok Durian", "10796"),
            _p("Sambal seruit kemasan", "Sambal Seruit", "10772"),
            _p("Lada hitam bubuk", "Lada", "10772"),
            _p("Kecap manis", "Kecap", "10771"),
            _p("Pindang dan gulai kemasan", "Dapur", "10750"),
        ),
        {"18.71": 2, "18.72": 1.5, "18.03": 1.3, "18.08": 1.2},
    ),
    Industry(
        "ikan",
        8,
        0.5,
        "kg",
        (200, 3000),
        (
            _p("Ikan asin dan teri kering", "Ikan Asin", "10211"),
            _p("Teri nasi kering", "Teri", "10211"),
            _p("Ikan salai (asap) baung dan patin", "Ikan Salai", "10212"),
            _p("Kerupuk ikan dan kemplang ikan tenggiri", "Kerupuk Ikan", "10794"),
            _p("Otak-otak dan pempek ikan", "Pempek", "10216"),
            _p("Bakso ikan", "Bakso Ikan", "10216"),
        ),
        {"18.71": 2.5, "18.07": 3, "18.13": 3, "18.01": 2, "18.06": 2, "18.05": 1.5, "18.11": 1.5},
    ),
    Industry(
        "rumput_laut",
        1.5,
        0.7,
        "kg",
        (50, 400),
        (
            _p("Dodol rumput laut", "Rumput Laut", "10298"),
            _p("Keripik rumput laut", "Rumput Laut", "10298"),
        ),
        {"18.13": 3, "18.01": 2, "18.06": 2, "18.09": 2},
    ),
    Industry(
        "gula_aren",
        4,
        0.35,
        "kg",
        (100, 1200),
        (
            _p("Gula aren cetak", "Gula Aren", "10722"),
            _p("Gula semut aren", "Gula Semut", "10722"),
            _p("Gula kelapa", "Gula Kelapa", "10722"),
        ),
        {"18.08": 2.5, "18.09": 2, "18.06": 2, "18.04": 1.5, "18.13": 1.5, "18.03": 1.5},
    ),
    Industry(
        "minuman",
        4,
        0.6,
        "liter",
        (100, 2000),
        (
            _p("Minuman jahe merah instan", "Jahe Instan", "10762"),
            _p("Sari buah nanas", "Sari Nanas", "11040"),
            _p("Air minum isi ulang", "Depot Air", "11052"),
            _p("Teh herbal daun kelor", "Teh Kelor", "10762"),
        ),
        {"18.02": 1.5, "18.71": 1.5, "18.72": 1.3},
    ),
    Industry(
        "tepung",
        2,
        0.4,
        "kg",
        (500, 5000),
        (
            _p("Tepung mocaf (singkong fermentasi)", "Mocaf", "10613"),
            _p("Tepung singkong dan gaplek", "Tepung", "10613"),
        ),
        {"18.02": 2.5, "18.07": 2, "18.03": 1.5, "18.12": 1.5},
    ),
    Industry(
        "tapis",
        6,
        0.88,
        "lembar",
        (4, 40),
        (
            _p("Kain tapis benang emas", "Tapis", "13122"),
            _p("Tapis motif pucuk rebung", "Tapis", "13122"),
            _p("Selendang dan peci tapis", "Tapis", "13122"),
            _p("Sulam usus (kebaya dan selendang)", "Sulam Usus", "13912"),
            _p("Kain tenun songket Lampung", "Tenun", "13121"),
        ),
        {"18.09": 3, "18.71": 2, "18.05": 2, "18.02": 1.5, "18.04": 1.5, "18.72": 1.2},
    ),
    Industry(
        "batik",
        3,
        0.65,
        "lembar",
        (20, 300),
        (
            _p("Batik Lampung (sembagi)", "Batik Sembagi", "13134"),
            _p("Batik tulis motif siger", "Batik", "13134"),
            _p("Batik cap motif kapal", "Batik", "13134"),
        ),
        {"18.71": 3, "18.72": 2, "18.10": 1.5},
    ),
    Industry(
        "konveksi",
        6,
        0.7,
        "potong",
        (100, 2000),
        (
            _p("Kaos sablon dan seragam", "Konveksi", "14111"),
            _p("Seragam sekolah dan kantor", "Konveksi", "14111"),
            _p("Jahit pakaian pesanan", "Penjahit", "14120"),
            _p("Bordir kerudung dan mukena", "Bordir", "14302"),
        ),
        {"18.71": 2, "18.72": 2, "18.10": 1.3},
    ),
    Industry(
        "alas_kaki",
        1,
        0.3,
        "pasang",
        (50, 600),
        (_p("Sandal dan sepatu kulit", "Sepatu", "15201"),),
        {"18.71": 2},
    ),
    Industry(
        "mebel",
        8,
        0.08,
        "unit",
        (5, 60),
        (
            _p("Mebel kayu jati (lemari, kursi, meja)", "Mebel", "31001"),
            _p("Kusen, pintu dan jendela kayu", "Mebel", "31001"),
            _p("Meja makan dan kursi kayu mahoni", "Furniture", "31001"),
            _p("Kursi dan meja rotan", "Rotan", "31002"),
        ),
        {"18.72": 2, "18.10": 2, "18.02": 2, "18.07": 1.5, "18.71": 1.2},
    ),
    Industry(
        "anyaman",
        6,
        0.5,
        "buah",
        (50, 800),
        (
            _p("Anyaman rotan (keranjang, tas)", "Anyaman Rotan", "16291"),
            _p("Anyaman bambu (tampah, bakul, besek)", "Anyaman Bambu", "16291"),
            _p("Tikar dan tas purun", "Anyaman Purun", "16292"),
            _p("Tikar pandan", "Anyaman Pandan", "16292"),
            _p("Ukiran kayu dan miniatur siger", "Ukiran", "16293"),
        ),
        {"18.10": 3, "18.03": 2, "18.11": 2, "18.05": 1.5, "18.06": 1.5},
    ),
    Industry(
        "kerajinan",
        2,
        0.5,
        "buah",
        (30, 500),
        (
            _p("Aksesoris siger pengantin", "Siger", "32120"),
            _p("Kerajinan kerang dan suvenir", "Suvenir", "32903"),
            _p("Gerabah dan pot tanah liat", "Gerabah", "23932"),
        ),
        {"18.71": 2, "18.09": 1.5, "18.10": 1.5},
    ),
    Industry(
        "pandai_besi",
        2,
        0.03,
        "buah",
        (50, 600),
        (
            _p("Cangkul, parang dan sabit", "Pandai Besi", "25931"),
            _p("Golok dan pisau dapur", "Pandai Besi", "25931"),
        ),
        {"18.02": 2, "18.07": 2, "18.10": 1.5},
    ),
    Industry(
        "atsiri",
        1,
        0.2,
        "liter",
        (20, 300),
        (
            _p("Minyak nilam", "Minyak Nilam", "20294"),
            _p("Minyak serai wangi", "Minyak Serai", "20294"),
        ),
        {"18.04": 2.5, "18.13": 2, "18.06": 1.5, "18.08": 1.5},
    ),
    Industry(
        "sabun",
        1,
        0.6,
        "liter",
        (50, 800),
        (_p("Sabun cuci cair dan sabun herbal", "Sabun", "20231"),),
        {"18.71": 1.5, "18.72": 1.5},
    ),
)
INDUSTRY_BY_KEY = {i.key: i for i in INDUSTRIES}
KBLI_CODES = sorted({p.kbli for i in INDUSTRIES for p in i.products})


@dataclass(frozen=True)
class SentraSpec:
    name: str
    village: str
    industry: str
    product: int  # index into the industry's products
    commodity: str
    managing_body: str
    share: float  # of all demo enterprises that belong to it (at least 5 members)


SENTRA: tuple[SentraSpec, ...] = (
    SentraSpec(
        "Sentra Keripik Pisang Jl. Pagar Alam",
        "18.71.03.1011",
        "keripik",
        0,
        "Keripik pisang aneka rasa",
        "Paguyuban Pengrajin Keripik Jl. Pagar Alam",
        0.008,
    ),
    SentraSpec(
        "Sentra Tapis Negeri Katon",
        "18.09.02.2005",
        "tapis",
        0,
        "Kain tapis benang emas",
        "Koperasi Pengrajin Tapis Negeri Katon",
        0.005,
    ),
    SentraSpec(
        "Sentra Kopi Liwa",
        "18.04.04.1001",
        "kopi",
        0,
        "Kopi robusta bubuk",
        "Kelompok Usaha Bersama Kopi Liwa",
        0.006,
    ),
    SentraSpec(
        "Sentra Anyaman Rotan dan Bambu Pringsewu",
        "18.10.01.1002",
        "anyaman",
        0,
        "Anyaman rotan dan bambu",
        "Paguyuban Pengrajin Anyaman Pringsewu",
        0.004,
    ),
    SentraSpec(
        "Sentra Ikan Asin Pulau Pasaran",
        "18.71.19.1002",
        "ikan",
        0,
        "Ikan asin dan teri kering",
        "Kelompok Pengolah Ikan Pulau Pasaran",
        0.006,
    ),
    SentraSpec(
        "Sentra Tempe Gunung Sulah",
        "18.71.15.1003",
        "tahu_tempe",
        0,
        "Tempe kedelai",
        "Paguyuban Perajin Tempe Gunung Sulah",
        0.005,
    ),
)
MIN_SENTRA_MEMBERS = 5

STREETS_TOWN = (
    "Jl. Zainal Abidin Pagar Alam",
    "Jl. Teuku Umar",
    "Jl. Ki Maja",
    "Jl. Imam Bonjol",
    "Jl. Ahmad Yani",
    "Jl. Diponegoro",
    "Jl. Sultan Agung",
    "Jl. Pramuka",
    "Jl. HOS Cokroaminoto",
    "Jl. Kartini",
    "Jl. Ratu Dibalau",
    "Jl. Soekarno-Hatta",
    "Jl. Way Sekampung",
    "Jl. Hasanudin",
    "Jl. Wolter Monginsidi",
    "Jl. Pangeran Antasari",
    "Jl. Sutan Syahrir",
    "Jl. Raden Intan",
    "Jl. Gatot Subroto",
    "Jl. Urip Sumoharjo",
    "Jl. Jenderal Sudirman",
    "Jl. Cut Nyak Dien",
    "Jl. Kapten Tendean",
    "Jl. Ryacudu",
)
LANES = (
    "Gg. Mawar",
    "Gg. Melati",
    "Gg. Masjid",
    "Gg. Kenanga",
    "Gg. Sawo",
    "Gg. Mangga",
    "Gg. Dahlia",
    "Gg. Rambutan",
    "Gg. Swadaya",
    "Gg. Bakti",
)
HAMLETS = (
    "Dusun I",
    "Dusun II",
    "Dusun III",
    "Dusun IV",
    "Dusun Sukamaju",
    "Dusun Sidorejo",
    "Dusun Karang Anyar",
    "Dusun Tanjung Sari",
    "Dusun Banjarsari",
)
MOBILE_PREFIXES = (
    "811",
    "812",
    "813",
    "821",
    "822",
    "823",
    "852",
    "853",
    "851",
    "857",
    "856",
    "877",
    "878",
    "895",
    "896",
    "897",
    "898",
    "899",
    "881",
    "882",
)
