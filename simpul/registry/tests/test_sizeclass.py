import pytest

from simpul.registry.sizeclass import SizeVerdict, classify_permenperin, classify_pp7

M = 10**9  # Rp1 miliar


# --- Permenperin 64/2016 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("workers", "investment", "code"),
    [
        (0, 0, "kecil"),
        (19, 999_999_999, "kecil"),
        (19, 1_000_000_000, "menengah"),
        (19, 15_000_000_000, "menengah"),
        (19, 15_000_000_001, "menengah"),  # ≤ 19 workers is never besar, as the rule is written
        (20, 0, "menengah"),
        (20, 999_999_999, "menengah"),
        (20, 1_000_000_000, "menengah"),
        (20, 15_000_000_000, "menengah"),
        (20, 15_000_000_001, "besar"),
        (500, 100 * M, "besar"),
    ],
)
def test_permenperin_boundaries(workers: int, investment: int, code: str) -> None:
    assert classify_permenperin(workers=workers, investment=investment).code == code


def test_permenperin_kecil_explained() -> None:
    assert classify_permenperin(workers=19, investment=999_999_999) == SizeVerdict(
        code="kecil",
        label="Industri kecil",
        explanation=(
            "Tenaga kerja 19 orang (≤ 19) dan nilai investasi Rp999.999.999 (di luar tanah dan "
            "bangunan) < Rp1 miliar → industri kecil menurut Permenperin 64/2016."
        ),
    )


def test_permenperin_menengah_few_workers_explained() -> None:
    verdict = classify_permenperin(workers=19, investment=1_000_000_000)
    assert verdict.label == "Industri menengah"
    assert verdict.explanation == (
        "Tenaga kerja 19 orang (≤ 19) dan nilai investasi Rp1.000.000.000 (di luar tanah dan "
        "bangunan) ≥ Rp1 miliar → industri menengah menurut Permenperin 64/2016."
    )


def test_permenperin_menengah_many_workers_explained() -> None:
    assert classify_permenperin(workers=20, investment=15_000_000_000).explanation == (
        "Tenaga kerja 20 orang (≥ 20) dan nilai investasi Rp15.000.000.000 (di luar tanah dan "
        "bangunan) ≤ Rp15 miliar → industri menengah menurut Permenperin 64/2016."
    )


def test_permenperin_besar_explained() -> None:
    verdict = classify_permenperin(workers=20, investment=15_000_000_001)
    assert (verdict.code, verdict.label) == ("besar", "Industri besar")
    assert verdict.explanation == (
        "Tenaga kerja 20 orang (≥ 20) dan nilai investasi Rp15.000.000.001 (di luar tanah dan "
        "bangunan) > Rp15 miliar → industri besar menurut Permenperin 64/2016."
    )


@pytest.mark.parametrize(("workers", "investment"), [(-1, 0), (0, -1)])
def test_permenperin_rejects_negative(workers: int, investment: int) -> None:
    with pytest.raises(ValueError):
        classify_permenperin(workers=workers, investment=investment)


# --- PP 7/2021 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capital", "code"),
    [
        (1, "mikro"),
        (1 * M, "mikro"),
        (1 * M + 1, "kecil"),
        (5 * M, "kecil"),
        (5 * M + 1, "menengah"),
        (10 * M, "menengah"),
        (10 * M + 1, "besar"),
    ],
)
def test_pp7_capital_boundaries(capital: int, code: str) -> None:
    # Sales are deliberately contradictory: capital, when known, decides.
    assert classify_pp7(capital=capital, sales=100 * M).code == code


@pytest.mark.parametrize(
    ("sales", "code"),
    [
        (0, "mikro"),
        (2 * M, "mikro"),
        (2 * M + 1, "kecil"),
        (15 * M, "kecil"),
        (15 * M + 1, "menengah"),
        (50 * M, "menengah"),
        (50 * M + 1, "besar"),
    ],
)
def test_pp7_sales_boundaries(sales: int, code: str) -> None:
    assert classify_pp7(capital=0, sales=sales).code == code


def test_pp7_mikro_by_capital_explained() -> None:
    assert classify_pp7(capital=750_000_000, sales=0) == SizeVerdict(
        code="mikro",
        label="Usaha mikro",
        explanation=(
            "Modal usaha Rp750.000.000 (di luar tanah dan bangunan) ≤ Rp1 miliar → usaha mikro "
            "menurut PP 7/2021."
        ),
    )


def test_pp7_kecil_by_capital_explained() -> None:
    verdict = classify_pp7(capital=1_000_000_001, sales=0)
    assert verdict.label == "Usaha kecil"
    assert verdict.explanation == (
        "Modal usaha Rp1.000.000.001 (di luar tanah dan bangunan) > Rp1 miliar s.d. Rp5 miliar "
        "→ usaha kecil menurut PP 7/2021."
    )


def test_pp7_besar_by_capital_explained() -> None:
    assert classify_pp7(capital=10 * M + 1, sales=0).explanation == (
        "Modal usaha Rp10.000.000.001 (di luar tanah dan bangunan) > Rp10 miliar → usaha besar "
        "menurut PP 7/2021."
    )


def test_pp7_menengah_by_sales_explained() -> None:
    verdict = classify_pp7(capital=0, sales=50 * M)
    assert (verdict.code, verdict.label) == ("menengah", "Usaha menengah")
    assert verdict.explanation == (
        "Modal usaha tidak diisi, jadi dipakai hasil penjualan tahunan Rp50.000.000.000 "
        "> Rp15 miliar s.d. Rp50 miliar → usaha menengah menurut PP 7/2021."
    )


def test_pp7_rejects_negative() -> None:
    with pytest.raises(ValueError):
        classify_pp7(capital=-1, sales=0)
