import time

import pytest

from simpul.regions.loaders import load_regions
from simpul.regions.models import Region
from simpul.regions.regionfile import REGION_FILE, read_region_file, write_region_file
from simpul.regions.selectors import region_children, region_lookup, region_path

EXPECTED = {1: 38, 2: 514, 3: 7_285, 4: 83_762}
SMALL = [
    ("18", "Lampung"),
    ("18.71", "Kota Bandar Lampung"),
    ("18.71.01", "Kedaton"),
    ("18.71.01.1003", "Kedaton"),
]


@pytest.mark.django_db
def test_shipped_file_loads_every_region_once_and_is_idempotent():
    """One test for the whole national file, which takes a few seconds to load."""
    started = time.monotonic()
    first = load_regions()
    assert {level: c.created for level, c in first.levels.items()} == EXPECTED
    assert {level: Region.objects.filter(level=level).count() for level in EXPECTED} == EXPECTED
    assert Region.objects.filter(level__gt=1, parent__isnull=True).count() == 0

    second = load_regions()
    assert not second.changed
    assert {level: c.unchanged for level, c in second.levels.items()} == EXPECTED
    assert time.monotonic() - started < 50

    assert [r.name for r in region_path("18.71.01.1003")] == [
        "Lampung", "Kota Bandar Lampung", "Kedaton", "Kedaton"
    ]  # fmt: skip
    assert region_children(parent_code=None).count() == 38


def test_shipped_file_is_sorted_and_has_the_expected_size():
    codes = [code for code, _name in read_region_file(REGION_FILE)]
    assert codes == sorted(codes)
    assert len(codes) == sum(EXPECTED.values())


def test_region_file_is_reproducible(tmp_path):
    write_region_file(SMALL, tmp_path / "a.csv.gz")
    write_region_file(SMALL, tmp_path / "b.csv.gz")
    assert (tmp_path / "a.csv.gz").read_bytes() == (tmp_path / "b.csv.gz").read_bytes()
    assert list(read_region_file(tmp_path / "a.csv.gz")) == SMALL


@pytest.mark.django_db
def test_renamed_region_gets_its_new_name(tmp_path):
    path = tmp_path / "regions.csv.gz"
    write_region_file(SMALL, path)
    load_regions(path)
    renamed = [*SMALL[:3], ("18.71.01.1003", "Kedaton Baru")]
    write_region_file(renamed, path)

    report = load_regions(path)

    assert report.levels[4].renamed == 1
    assert report.levels[1].unchanged == 1
    assert Region.objects.get(code="18.71.01.1003").name == "Kedaton Baru"
    assert Region.objects.get(code="18.71.01.1003").parent_id == "18.71.01"


@pytest.mark.django_db
def test_lookup_and_path_reject_unknown_or_malformed_codes(regions):
    assert region_lookup("18.71") == regions["18.71"]
    assert region_lookup("99") is None
    assert region_lookup("18;drop") is None
    assert region_path("18.71.99.1001") == []
    assert region_path("bukan kode") == []
    assert [r.code for r in region_path("18.71.01.1001")] == [
        "18", "18.71", "18.71.01", "18.71.01.1001"
    ]  # fmt: skip


@pytest.mark.django_db
def test_load_regions_command_reports_counts_and_no_change(tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "regions.csv.gz"
    write_region_file(SMALL, path)
    call_command("load_regions", file=path)
    call_command("load_regions", file=path)
    out = capsys.readouterr().out
    assert "Desa/Kelurahan: 1 (baru 1, ganti nama 0)" in out
    assert "Tidak ada perubahan" in out
    assert "detik" in out
