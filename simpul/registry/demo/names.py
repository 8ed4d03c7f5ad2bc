"""Name parts for believable demo people and businesses in Lampung.

Lampung is a province of migrants: native Lampung (Pepadun and Saibatin), Javanese
transmigrants (the largest group), Sundanese, Minang traders, Balinese villages in Lampung
Tengah/Timur, Batak and Chinese-Indonesian families in the towns. The pools mix them in
roughly that order so a list of owners reads like a real Dinas register."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    key: str
    weight: float
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_last: tuple[str, ...] = ()
    female_last: tuple[str, ...] = ()
    shared_last: tuple[str, ...] = ()


POOLS: tuple[NamePool, ...] = (
    NamePool(
        "jawa",
        42,
        male=(
            "Slamet",
            "Sutrisno",
            "Suparman",
            "Joko",
            "Bambang",
            "Agus",
            "Budi",
            "Heru",
            "Wahyu",
            "Sugeng",
            "Tri",
            "Eko",
            "Purwanto",
            "Sukardi",
            "Mulyono",
            "Suyanto",
            "Paijo",
            "Darmaji",
            "Warsito",
            "Teguh",
            "Rudi",
            "Andri",
            "Dwi",
            "Hadi",
        ),
        female=(
            "Siti",
            "Sri",
            "Sumarni",
            "Suparmi",
            "Tri",
            "Wahyuni",
            "Endang",
            "Sulastri",
            "Rini",
            "Puji",
            "Ning",
            "Dwi",
            "Lestari",
            "Suwarni",
            "Tumini",
            "Sukarti",
            "Yuli",
            "Eni",
            "Wartini",
            "Ratna",
            "Murni",
            "Sukinah",
        ),
        male_last=(
            "Santoso",
            "Riyadi",
            "Susilo",
            "Prasetyo",
            "Wibowo",
            "Setiawan",
            "Hartono",
            "Widodo",
            "Purnomo",
            "Raharjo",
            "Nugroho",
            "Saputro",
        ),
        female_last=(
            "Aminah",
            "Wahyuni",
            "Handayani",
            "Rahayu",
            "Lestari",
            "Rahmawati",
            "Sulistyowati",
            "Ningsih",
            "Astuti",
            "Purwanti",
            "Wulandari",
        ),
    ),
    NamePool(
        "lampung",
        22,
        male=(
            "Ahmad",
            "Rahmat",
            "Herman",
            "Zulkarnain",
            "Syahbudin",
            "Ismail",
            "Hasan",
            "Firmansyah",
            "Indra",
            "Arif",
            "Rusdi",
            "Hendri",
            "Anshori",
            "Mahmud",
            "Irwan",
            "Fauzi",
            "Yusuf",
            "Marzuki",
            "Sahrul",
            "Rizal",
        ),
        female=(
            "Nurhasanah",
            "Fitri",
            "Nuraini",
            "Yusnani",
            "Rosmiati",
            "Hasnah",
            "Zubaidah",
            "Aisyah",
            "Herlina",
            "Mardiana",
            "Rohani",
            "Desi",
            "Yuliana",
            "Salmah",
            "Nurlela",
            "Maimunah",
            "Rusmala",
            "Erna",
        ),
        shared_last=(
            "Sanusi",
            "Effendi",
            "Hamzah",
            "Syarif",
            "Yunus",
            "Abdullah",
            "Ibrahim",
            "Rasyid",
            "Gumanti",
            "Batin",
            "Pakusari",
            "Marga",
        ),
    ),
    NamePool(
        "sunda",
        12,
        male=(
            "Asep",
            "Ujang",
            "Dedi",
            "Cecep",
            "Dadang",
            "Yayan",
            "Iwan",
            "Deden",
            "Ade",
            "Ajat",
            "Engkos",
            "Yana",
        ),
        female=(
            "Euis",
            "Neneng",
            "Iis",
            "Imas",
            "Enok",
            "Nining",
            "Titin",
            "Yeni",
            "Lilis",
            "Cucu",
            "Eti",
            "Dewi",
        ),
        shared_last=(
            "Sukmana",
            "Hidayat",
            "Permana",
            "Kurniawan",
            "Suryana",
            "Nurjaman",
            "Sopian",
            "Rustandi",
            "Kusnadi",
            "Supriatna",
        ),
    ),
    NamePool(
        "minang",
        9,
        male=(
            "Syafrizal",
            "Yusrizal",
            "Afrizal",
            "Zulfikar",
            "Erman",
            "Hendra",
            "Novrizal",
            "Asril",
            "Jasman",
            "Yulizar",
        ),
        female=(
            "Erni",
            "Rosmaini",
            "Nurhayati",
            "Yusnita",
            "Ernawati",
            "Yenni",
            "Fitriani",
            "Desmawati",
            "Rahmi",
            "Syafrida",
        ),
        shared_last=(
            "Chaniago",
            "Piliang",
            "Koto",
            "Sikumbang",
            "Tanjung",
            "Caniago",
            "Jambak",
            "Malik",
        ),
    ),
    NamePool(
        "bali",
        6,
        male=("I Made", "I Wayan", "I Ketut", "I Nyoman", "I Komang", "I Putu", "I Gede"),
        female=("Ni Made", "Ni Wayan", "Ni Ketut", "Ni Nyoman", "Ni Komang", "Ni Putu", "Ni Luh"),
        male_last=(
            "Sudarsana",
            "Sukarta",
            "Suarta",
            "Budiarta",
            "Wirawan",
            "Astawa",
            "Mudita",
            "Arsana",
        ),
        female_last=("Ariani", "Sariasih", "Sukerti", "Sumiati", "Wahyuni", "Darmini", "Suartini"),
    ),
    NamePool(
        "batak",
        4,
        male=("Marulitua", "Parlindungan", "Hotman", "Jonner", "Benny", "Rudolf"),
        female=("Rosdiana", "Tiurma", "Lamria", "Mawarni", "Erlina", "Masta"),
        shared_last=(
            "Simanjuntak",
            "Siregar",
            "Nainggolan",
            "Sitorus",
            "Hutapea",
            "Manurung",
            "Lubis",
            "Nasution",
        ),
    ),
    NamePool(
        "tionghoa",
        5,
        male=("Hendra", "Wijaya", "Surya", "Budi", "Johan", "Kevin", "Tommy", "Hartanto"),
        female=("Lina", "Meliana", "Susanti", "Yenny", "Lily", "Fenny", "Mega", "Linda"),
        shared_last=(
            "Gunawan",
            "Wijaya",
            "Halim",
            "Tanoto",
            "Salim",
            "Kurniawan",
            "Santoso",
            "Hartono",
            "Setiadi",
        ),
    ),
)

# Polite forms people use on shop signs ("Keripik Pisang Bu Siti"): (men, women), the
# everyday one first.
HONORIFIC = {
    "jawa": (("Pak", "Mas", "Mbah"), ("Bu", "Mbak", "Mbok")),
    "lampung": (("Pak", "Ayah", "Bang"), ("Bu", "Mak", "Ibu")),
    "sunda": (("Pak", "Mang", "Kang"), ("Bu", "Bi", "Teh")),
    "minang": (("Pak", "Da", "Uda"), ("Bu", "Uni", "Ni")),
    "bali": (("Pak", "Bli", "Pak"), ("Bu", "Mbok", "Bu")),
    "batak": (("Pak", "Amang", "Bang"), ("Bu", "Inang", "Kak")),
    "tionghoa": (("Pak", "Koh", "Ko"), ("Bu", "Cik", "Ci")),
}

# Words that make up business names: the usual hopeful Javanese/Indonesian ones and a
# few Lampung ones (piil pesenggiri values, the siger crown, "Sai Bumi Ruwa Jurai").
BUSINESS_WORDS = (
    "Sumber Rejeki",
    "Berkah Jaya",
    "Maju Bersama",
    "Karya Mandiri",
    "Sinar Harapan",
    "Tiga Saudara",
    "Mitra Usaha",
    "Rezeki Barokah",
    "Cahaya Abadi",
    "Sido Makmur",
    "Sri Rejeki",
    "Sumber Makmur",
    "Putra Jaya",
    "Dua Putri",
    "Al Barokah",
    "Anugerah",
    "Harapan Baru",
    "Tunas Mekar",
    "Mekar Sari",
    "Sinar Lampung",
    "Ragom Gawi",
    "Sai Bumi",
    "Jejama",
    "Sakai Sambayan",
    "Nemui Nyimah",
    "Siger Mas",
    "Muakhi",
    "Lamban Gedung",
    "Karya Bersama",
    "Usaha Mulya",
    "Sejahtera",
    "Restu Ibu",
    "Barokah Mandiri",
    "Citra Rasa",
    "Mutiara",
    "Kembang Jaya",
    "Rukun Makmur",
    "Gemilang",
    "Bina Usaha",
    "Sido Rukun",
    "Tani Makmur",
    "Sumber Berkah",
)
KOPERASI_KINDS = (
    "Koperasi Produsen",
    "Koperasi Serba Usaha",
    "Koperasi Wanita",
    "Koperasi Pengrajin",
)


@dataclass(frozen=True)
class PersonName:
    full_name: str
    first: str
    honorific: str
    pool: str


def pick_pool(rng: random.Random) -> NamePool:
    return rng.choices(POOLS, weights=[p.weight for p in POOLS])[0]


def person_name(rng: random.Random, *, female: bool) -> PersonName:
    pool = pick_pool(rng)
    first = rng.choice(pool.female if female else pool.male)
    lasts = (pool.female_last if female else pool.male_last) + pool.shared_last
    # Many Javanese and Sundanese go by one name; Bali/Batak/Tionghoa always carry two.
    single = pool.key in {"jawa", "sunda"} and rng.random() < 0.35
    full = first if single or not lasts else f"{first} {rng.choice(lasts)}"
    honorifics = HONORIFIC[pool.key][1 if female else 0]
    honor = honorifics[0] if rng.random() < 0.7 else rng.choice(honorifics[1:])
    # "Pak I Made" is how it is said; the sign shows the given part without the prefix.
    shown = first.split()[-1]
    return PersonName(full_name=full, first=shown, honorific=honor, pool=pool.key)
