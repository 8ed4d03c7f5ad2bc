"""Issue 3 acceptance: is a row a business already registered, or one seen earlier in the
file? Every rule (Simpul code, NIB, NIK + name, name + village), the update rule for
matched rows, the privacy of NIKs and of other offices' records, and rollback."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from simpul.core import crypto
from simpul.core.audit import Provenance
from simpul.core.models import ChangeRecord
from simpul.exchange import services
from simpul.exchange.choices import BatchStatus, MatchRule, RowAction
from simpul.exchange.models import ImportBatch, ImportedRecord, ImportRow
from simpul.exchange.tests import files
from simpul.regions.models import Region
from simpul.registry.models import Enterprise, Owner

HEADER = [
    "Kode IKM",
    "Nama Usaha",
    "Nama Pemilik",
    "NIK",
    "No HP",
    "NIB",
    "Alamat",
    "Desa",
    "Kecamatan",
    "Produk",
    "KBLI",
    "TK L",
    "TK P",
    "Jumlah TK",
    "Nilai Investasi",
    "Tahun Berdiri",
    "lat",
    "lng",
]
FIELD_OF = {
    "Kode IKM": "code",
    "Nama Usaha": "name",
    "Nama Pemilik": "owner_name",
    "NIK": "nik",
    "No HP": "phone",
    "NIB": "nib",
    "Alamat": "address",
    "Desa": "village",
    "Kecamatan": "district",
    "Produk": "products",
    "KBLI": "kbli",
    "TK L": "workers_male",
    "TK P": "workers_female",
    "Jumlah TK": "workers_total",
    "Nilai Investasi": "investment_value",
    "Tahun Berdiri": "year_started",
    "lat": "latitude",
    "lng": "longitude",
}
COLUMN_OF = {field: column for column, field in FIELD_OF.items()}

# Valid NIKs (region 18.71 / 18.04, birth date, sequence).
NIK_SITI = "1871015203850001"  # a woman born 12-03-1985
NIK_JOKO = "1871010101800003"  # a man born 01-01-1980
NIK_RINA = "1871014507900002"
NIB_A, NIB_B = "1234567890123", "9876543210987"
GOTONG = {"village": "Gotong Royong", "district": "Tanjung Karang Pusat"}
PASIR = {"village": "Pasir Gintung", "district": "Tanjung Karang Pusat"}


def _line(**values: object) -> list[object]:
    values = {**GOTONG, **values}
    return [values.get(FIELD_OF[column], "") for column in HEADER]


def _file(*lines: list[object]) -> bytes:
    return files.csv_sheet([HEADER, *lines], delimiter=";")


@pytest.fixture
def place(regions, kbli):
    """A second kelurahan beside Gotong Royong, so a name can be in two villages."""
    return Region.objects.create(
        code="18.71.01.1002", name="Pasir Gintung", level=Region.Level.VILLAGE, parent_id="18.71.01"
    )


@pytest.fixture
def preview(officer, place, django_capture_on_commit_callbacks):
    def run(data: bytes, new_status: str = "draft") -> ImportBatch:
        batch = services.batch_upload(actor=officer, file_name="ikm.csv", data=data)
        assert batch.mapping == FIELD_OF
        services.batch_configure(
            batch=batch, actor=officer, mapping=batch.mapping, new_status=new_status
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.batch_start_preview(batch=batch, actor=officer)
        batch.refresh_from_db()
        assert batch.status == BatchStatus.PREVIEWED, batch.message
        return batch

    return run


@pytest.fixture
def commit(officer, django_capture_on_commit_callbacks):
    def run(batch: ImportBatch) -> ImportBatch:
        with django_capture_on_commit_callbacks(execute=True):
            services.batch_start_commit(batch=batch, actor=officer, error_policy="skip")
        batch.refresh_from_db()
        assert batch.status == BatchStatus.COMMITTED, batch.message
        return batch

    return run


def _rows(batch) -> dict[int, ImportRow]:
    return {row.row_number: row for row in ImportRow.objects.filter(batch=batch)}


def _verdicts(batch) -> dict[int, tuple[str, str, int | None]]:
    return {n: (r.action, r.match_rule, r.duplicate_of) for n, r in _rows(batch).items()}


def _owner(name: str, nik: str = "", **fields) -> Owner:
    extra = {}
    if nik:
        extra = {
            "nik_hash": crypto.blind_index(nik),
            "nik_encrypted": crypto.encrypt(nik),
            "nik_masked": crypto.mask_nik(nik),
        }
    return Owner.objects.create(full_name=name, **extra, **fields)


def _registered(name: str, village: str = "18.71.01.1001", owner=None, **fields) -> Enterprise:
    enterprise = Enterprise(name=name, source="officer", owner=owner, **fields)
    enterprise.set_village(Region.objects.get(code=village))
    enterprise.save()
    return enterprise


# --- re-import ---------------------------------------------------------------------------

COMPLETE = [
    _line(
        name="UD Sari Rasa",
        owner_name="Siti Aminah",
        nik=NIK_SITI,
        phone="0812-3456-7890",
        nib=NIB_A,
        address="Jl. Kopi 1",
        products="kopi bubuk",
        kbli="10761",
        workers_male="2",
        workers_female="3",
        investment_value="Rp 150 juta",
        year_started="2015",
        latitude="-5.4105",
        longitude="105.258",
    ),
    _line(
        name="Kopi Joko",
        owner_name="Joko",
        nik=NIK_JOKO,
        address="Jl. Dua",
        products="kopi luwak",
        kbli="10761",
        workers_total="7 orang",
        investment_value="1,5 jt",
    ),
    _line(name="Bubuk Kopi Pasir", owner_name="Wati", address="Jl. Tiga", **PASIR),
]


def test_reimporting_the_same_file_changes_nothing(preview, commit, officer):
    first = commit(preview(_file(*COMPLETE)))
    assert first.rows_new == 3
    assert Enterprise.objects.count() == 3 and Owner.objects.count() == 3
    again = preview(_file(*COMPLETE))
    # Each row is found by its strongest key: NIB, then NIK + name, then name + village.
    assert _verdicts(again) == {
        2: (RowAction.UNCHANGED, MatchRule.NIB, None),
        3: (RowAction.UNCHANGED, MatchRule.NIK, None),
        4: (RowAction.UNCHANGED, MatchRule.NAME_VILLAGE, None),
    }
    targets = {r.row_number: r.target_id for r in ImportRow.objects.filter(batch=again)}
    assert targets == dict(
        ImportedRecord.objects.filter(batch=first).values_list("row_number", "enterprise_id")
    )
    assert (again.rows_new, again.rows_update, again.rows_unchanged) == (0, 0, 3)
    with pytest.raises(ValidationError, match="Tidak ada baris baru atau perubahan"):
        services.batch_start_commit(batch=again, actor=officer, error_policy="skip")
    assert Enterprise.objects.count() == 3 and Owner.objects.count() == 3


# --- each rule against the registry -----------------------------------------------------


def test_match_by_nib_even_under_another_name(preview):
    known = _registered("Kopi Lama", nib=NIB_A)
    batch = preview(_file(_line(name="Kopi Nama Baru", nib=NIB_A, **PASIR)))
    row = ImportRow.objects.get(batch=batch)
    assert (row.action, row.match_rule, row.target_id) == (RowAction.UPDATE, "nib", known.pk)


def test_match_by_nik_and_name_and_the_nik_is_never_in_clear(preview, commit):
    siti = _owner("Siti Aminah", NIK_SITI)
    known = _registered("UD Sari Rasa", owner=siti, **{"address": "Jl. Kopi 1"})
    batch = preview(
        _file(
            # Same person, same business written without "UD", in another village.
            _line(name="SARI RASA", nik=NIK_SITI, products="kopi bubuk", **PASIR),
            # Same person, another business: new, but with the owner already registered.
            _line(name="Warung Kopi Siti", nik=f"{NIK_SITI[:6]} {NIK_SITI[6:]}", **PASIR),
        )
    )
    rows = _rows(batch)
    assert (rows[2].action, rows[2].match_rule, rows[2].target_id) == (
        RowAction.UPDATE,
        "nik",
        known.pk,
    )
    assert rows[3].action == RowAction.NEW and rows[3].data["owner_id"] == siti.pk
    commit(batch)
    new = Enterprise.objects.get(name="Warung Kopi Siti")
    assert new.owner_id == siti.pk and Owner.objects.count() == 1
    known.refresh_from_db()
    assert known.products == "kopi bubuk"
    for row in rows.values():
        assert NIK_SITI not in json.dumps(row.data)
        assert row.data["nik_masked"] == "1871**********01"
    for record in ChangeRecord.objects.all():
        assert NIK_SITI not in json.dumps(record.changes) + record.note
    for record in ImportedRecord.objects.all():
        assert NIK_SITI not in json.dumps(record.before)


def test_match_by_normalised_name_in_the_same_village(preview):
    siti = _owner("Siti Aminah")
    sari = _registered("UD. Sari Rasa", owner=siti)
    rodiyah = _registered("TERASI", owner=_owner("Siti Rodiyah"))
    batch = preview(
        _file(
            # No owner named: the name and the village decide.
            _line(name="SARI RASA", products="kopi bubuk"),
            _line(name="Sari Rasa", **PASIR),  # another village: another business
            _line(name="Terasi", owner_name="Juriyeh"),  # another owner: another business
            _line(name="TERASI", owner_name="HJ. SITI RODIYAH", products="terasi udang"),
        )
    )
    assert _verdicts(batch) == {
        2: (RowAction.UPDATE, MatchRule.NAME_VILLAGE, None),
        3: (RowAction.NEW, "", None),
        4: (RowAction.NEW, "", None),
        5: (RowAction.UPDATE, MatchRule.NAME_VILLAGE, None),
    }
    rows = _rows(batch)
    assert (rows[2].target_id, rows[5].target_id) == (sari.pk, rodiyah.pk)


def test_two_niks_are_two_businesses_whatever_their_name(preview):
    _registered("Terasi", owner=_owner("Siti Rodiyah", NIK_SITI))
    batch = preview(
        _file(
            _line(name="TERASI", owner_name="Siti Rodiyah", nik=NIK_RINA),
            _line(name="Terasi", nik=NIK_JOKO),
            _line(name="Terasi", nik=NIK_SITI, products="terasi"),
        )
    )
    assert _verdicts(batch) == {
        2: (RowAction.NEW, "", None),
        3: (RowAction.NEW, "", None),
        4: (RowAction.UPDATE, MatchRule.NIK, None),
    }


def test_match_by_simpul_code_and_codes_of_other_offices_stay_unknown(preview):
    known = _registered("Kopi Kode")
    hidden = _registered("Rahasia Lampung Barat", village="18.04.01.2001")
    batch = preview(
        _file(
            _line(code=known.public_key.upper(), name="Kopi Kode Baru", **PASIR),
            _line(code=hidden.public_key, name="Apa Saja"),
            _line(code="zzzzzzzz", name="Kode Karangan"),
        )
    )
    rows = _rows(batch)
    assert (rows[2].action, rows[2].match_rule, rows[2].target_id) == (
        RowAction.UPDATE,
        "code",
        known.pk,
    )
    for number in (3, 4):
        assert rows[number].action == RowAction.ERROR
        assert rows[number].errors == ["Kode IKM: tidak dikenal di wilayah Anda."]
        assert rows[number].target_id is None
    assert "Rahasia" not in json.dumps([rows[3].errors, rows[3].warnings, rows[3].data])


def test_nib_of_another_offices_business_is_an_error_that_names_nobody(preview, commit):
    _registered("Rahasia Lampung Barat", village="18.04.01.2001", nib=NIB_B)
    batch = preview(_file(_line(name="Kopi Tetangga", nib=NIB_B), _line(name="Kopi Bebas")))
    rows = _rows(batch)
    assert rows[2].action == RowAction.ERROR
    assert rows[2].errors == [f"NIB: {NIB_B} sudah terdaftar untuk IKM di luar wilayah Anda."]
    assert "Rahasia" not in json.dumps([rows[2].errors, rows[2].warnings, rows[2].data])
    commit(batch)
    assert not Enterprise.objects.filter(name="Kopi Tetangga").exists()
    assert Enterprise.objects.filter(nib=NIB_B).count() == 1


# --- duplicates inside the file -----------------------------------------------------------


def test_duplicates_within_the_file_by_each_rule(preview):
    known = _registered("Kopi Kode")
    batch = preview(
        _file(
            _line(code=known.public_key, name="Kopi Kode"),  # 2
            _line(code=known.public_key, name="Nama Lain", **PASIR),  # 3: code of 2
            _line(name="Kopi NIB", nib=NIB_A),  # 4
            _line(name="Kopi NIB Juga", nib=NIB_A, **PASIR),  # 5: NIB of 4
            _line(name="Kopi Rina", nik=NIK_RINA),  # 6
            _line(name="KOPI RINA", nik=NIK_RINA, **PASIR),  # 7: NIK and name of 6
            _line(name="Toko Rina", nik=NIK_RINA),  # 8: same owner, other business
            _line(name="Terasi", owner_name="Siti Rodiyah"),  # 9
            _line(name="TERASI", owner_name="Juriyeh"),  # 10: another owner
            _line(name="Terasi"),  # 11: no owner: the first Terasi
            _line(name="UD Terasi", owner_name="juriyeh"),  # 12: Juriyeh's again
        )
    )
    assert _verdicts(batch) == {
        2: (RowAction.UNCHANGED, MatchRule.CODE, None),
        3: (RowAction.DUPLICATE, MatchRule.CODE, 2),
        4: (RowAction.NEW, "", None),
        5: (RowAction.DUPLICATE, MatchRule.NIB, 4),
        6: (RowAction.NEW, "", None),
        7: (RowAction.DUPLICATE, MatchRule.NIK, 6),
        8: (RowAction.NEW, "", None),
        9: (RowAction.NEW, "", None),
        10: (RowAction.NEW, "", None),
        11: (RowAction.DUPLICATE, MatchRule.NAME_VILLAGE, 9),
        12: (RowAction.DUPLICATE, MatchRule.NAME_VILLAGE, 10),
    }
    rows = _rows(batch)
    assert "Sama dengan baris 4 (NIB); baris ini dilewati." in rows[5].warnings
    assert "Sama dengan baris 9 (Nama usaha dan desa/kelurahan)" in rows[11].warnings[0]
    assert batch.rows_duplicate == 5


# --- the update rule ----------------------------------------------------------------------


def test_update_rule_for_a_draft_and_rollback(preview, commit, officer):
    siti = _owner("Siti Aminah")
    sari = _registered(
        "UD Sari Rasa",
        owner=siti,
        address="Jl. Lama 1",
        products="kopi",
        investment_value=100_000_000,
        workers_unspecified=7,
        year_started=2010,
    )
    batch = preview(
        _file(
            _line(
                name="SARI RASA",
                owner_name="Siti",
                nik=NIK_SITI,
                phone="081234567890",
                address="",
                investment_value="200 jt",
                workers_male="3",
                workers_female="4",
            )
        )
    )
    row = ImportRow.objects.get(batch=batch)
    assert (row.action, row.target_id, row.warnings) == (RowAction.UPDATE, sari.pk, [])
    commit(batch)
    sari.refresh_from_db()
    assert sari.address == "Jl. Lama 1"  # an empty cell erases nothing
    assert sari.name == "UD Sari Rasa"  # the same name in capitals keeps its spelling
    assert sari.year_started == 2010 and sari.products == "kopi"
    assert sari.investment_value == 200_000_000
    # The file splits the workforce: the unsplit count goes, the total stays 7.
    assert (sari.workers_male, sari.workers_female, sari.workers_unspecified) == (3, 4, 0)
    assert sari.workers_total == 7
    siti.refresh_from_db()
    assert siti.full_name == "Siti Aminah"  # identity is completed, never replaced
    assert siti.phone == "+6281234567890" and siti.nik_masked == "1871**********01"
    assert siti.gender == "P" and siti.nik_hash == crypto.blind_index(NIK_SITI)
    history = ChangeRecord.objects.get(entity="registry.enterprise", action="updated")
    assert history.changes["investment_value"] == [100_000_000, 200_000_000]
    assert history.source_ref == f"impor:{batch.key}#2"

    result = services.batch_rollback(batch=batch, actor=officer)
    assert result == {"restored": 1, "removed": 0}
    sari.refresh_from_db()
    siti.refresh_from_db()
    assert sari.investment_value == 100_000_000
    assert (sari.workers_male, sari.workers_female, sari.workers_unspecified) == (0, 0, 7)
    assert (siti.full_name, siti.phone, siti.nik_hash, siti.nik_masked) == (
        "Siti Aminah",
        "",
        "",
        "",
    )


def test_update_rule_keeps_verified_values_and_fills_their_gaps(preview, commit):
    verified = _registered(
        "Batik Terverifikasi",
        status="verified",
        address="Jl. Resmi 1",
        investment_value=100_000_000,
    )
    batch = preview(
        _file(
            _line(
                name="Batik Terverifikasi",
                address="Jl. Lain 2",
                investment_value="300 jt",
                year_started="2012",
            )
        )
    )
    row = ImportRow.objects.get(batch=batch)
    assert row.action == RowAction.UPDATE  # the empty year is filled even when verified
    assert row.warnings == ["Data terverifikasi dipertahankan untuk: Alamat, Nilai investasi (Rp)."]
    commit(batch)
    verified.refresh_from_db()
    assert (verified.address, verified.investment_value) == ("Jl. Resmi 1", 100_000_000)
    assert verified.year_started == 2012 and verified.status == "verified"


def test_a_total_does_not_replace_a_split_workforce(preview):
    _registered("Tahu Rinci", workers_male=3, workers_female=4)
    _registered("Tahu Sama", workers_male=3, workers_female=4)
    batch = preview(
        _file(
            _line(name="Tahu Rinci", workers_total="9"),
            _line(name="Tahu Sama", workers_total="7"),
        )
    )
    rows = _rows(batch)
    assert rows[2].action == RowAction.UNCHANGED
    assert rows[2].warnings == [
        "Jumlah tenaga kerja 9 tidak dipakai: data sudah dirinci laki-laki 3 dan perempuan 4."
    ]
    assert (rows[3].action, rows[3].warnings) == (RowAction.UNCHANGED, [])


# --- rollback -----------------------------------------------------------------------------


def test_rollback_removes_created_records_and_only_their_owners(preview, commit, officer):
    siti = _owner("Siti Aminah", NIK_SITI)
    _registered("UD Sari Rasa", owner=siti)
    before = (Enterprise.objects.count(), Owner.objects.count())
    batch = commit(
        preview(
            _file(
                _line(name="Kopi Baru", owner_name="Joko", nik=NIK_JOKO),
                _line(name="Toko Siti", nik=NIK_SITI, **PASIR),  # the registered owner
                _line(name="Kopi Tanpa Pemilik"),
            )
        )
    )
    assert batch.rows_new == 3
    assert (Enterprise.objects.count(), Owner.objects.count()) == (4, 2)
    assert Enterprise.objects.get(name="Toko Siti").owner_id == siti.pk
    assert Enterprise.objects.get(name="Kopi Tanpa Pemilik").owner_id is None
    result = services.batch_rollback(batch=batch, actor=officer)
    assert result == {"restored": 0, "removed": 3}
    assert (Enterprise.objects.count(), Owner.objects.count()) == before
    assert Owner.objects.filter(pk=siti.pk).exists()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ROLLED_BACK and batch.rolled_back_at is not None
    assert not batch.records.exclude(enterprise=None).exists()


def test_rollback_refused_after_a_later_edit_of_the_business(preview, commit, officer):
    from simpul.registry import services as registry

    batch = commit(preview(_file(*COMPLETE)))
    joko = Enterprise.objects.get(name="Kopi Joko")
    registry.enterprise_update(
        enterprise=joko, provenance=Provenance(actor=officer), data={"products": "kopi"}
    )
    with pytest.raises(ValidationError, match=r"data dari baris 3 sudah diubah setelah impor"):
        services.batch_rollback(batch=batch, actor=officer)
    assert Enterprise.objects.count() == 3
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED


def test_rollback_refused_when_a_business_it_created_has_products(preview, commit, officer):
    from simpul.catalogue import services as catalogue

    batch = commit(preview(_file(*COMPLETE)))
    joko = Enterprise.objects.get(name="Kopi Joko")
    updated_at = joko.updated_at
    catalogue.product_create(
        enterprise=joko, provenance=Provenance(actor=officer), data={"name": "Kopi bubuk"}
    )
    joko.refresh_from_db()
    assert joko.updated_at == updated_at  # a product does not touch the business itself
    with pytest.raises(ValidationError, match=r"data dari baris 3 sudah diubah setelah impor"):
        services.batch_rollback(batch=batch, actor=officer)
    assert Enterprise.objects.count() == 3
    assert joko.catalogue_products.count() == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED


def test_rollback_refused_after_a_later_edit_of_an_owner_it_created(preview, commit, officer):
    from simpul.registry.services.owner import enterprise_owner_save

    batch = commit(preview(_file(*COMPLETE)))
    wati = Enterprise.objects.select_related("owner").get(name="Bubuk Kopi Pasir")
    # The officer completes the owner's identity; the business itself is not touched.
    enterprise_owner_save(
        enterprise=wati,
        provenance=Provenance(actor=officer),
        full_name="Wati",
        nik=NIK_RINA,
        gender="P",
        birth_date=None,
        phone="081299990000",
        email="",
    )
    with pytest.raises(ValidationError, match=r"data dari baris 4 sudah diubah setelah impor"):
        services.batch_rollback(batch=batch, actor=officer)
    assert Owner.objects.filter(nik_hash=crypto.blind_index(NIK_RINA)).exists()
    assert Enterprise.objects.count() == 3
