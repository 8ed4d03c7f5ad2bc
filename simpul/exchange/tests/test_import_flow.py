"""The import engine end to end on a small real CSV: upload → preview → commit →
re-import → rollback, asserting the outcome of every row."""

from __future__ import annotations

import pytest

from simpul.core.models import ChangeRecord
from simpul.exchange import services
from simpul.exchange.choices import BatchStatus, RowAction
from simpul.exchange.models import ImportedRecord, ImportMapping, ImportRow
from simpul.insights.tests.test_rollups import assert_equals_rebuild
from simpul.registry.models import Enterprise, Owner

HEADER = ";".join(
    [
        "Nama Usaha",
        "Nama Pemilik",
        "NIK",
        "No HP",
        "Alamat",
        "Desa",
        "Kecamatan",
        "Kab/Kota",
        "Produk",
        "KBLI",
        "TK L",
        "TK P",
        "Nilai Investasi",
        "NIB",
    ]
)
PLACE = "Gotong Royong;Tanjung Karang Pusat;Kota Bandar Lampung"
ROWS = [
    # 1 complete, new
    "UD Kopi Gotong;Siti Aminah;1871015203850001;081234567890;Jl. Kopi 1;"
    + PLACE
    + ";kopi bubuk;10761;2;3;Rp 150 juta;1234567890123",
    # 2 same NIB as row 1 → duplicate in file
    "Kopi Gotong Royong;Siti;;;Jl. Kopi 1;Gotong Royong;;Bandar Lampung;kopi;10761;1;1;"
    "1.000.000;1234567890123",
    # 3 village outside the office's jurisdiction → error naming it
    "Keripik Way;Budi;;;Jl. 2;Way Mengaku;Balik Bukit;Lampung Barat;keripik;;1;0;5 jt;",
    # 4 typo in village, no KBLI, phone in scientific notation → new with warnings
    "Kopi Tanjung;Andi;;8.1234567890E+10;Jl. 3;Gotong Royog;Tanjung Karang Pusat;"
    "Bandar Lampung;kopi bubuk robusta;;;;2,5 juta;",
    # 5 no name → error
    ";Tanpa Nama;;;Jl. 4;Gotong Royong;;;kopi;10761;1;1;;",
]


def _csv(rows=ROWS, header=HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _commit(batch, officer, capture, policy="skip"):
    with capture(execute=True):
        services.batch_start_commit(batch=batch, actor=officer, error_policy=policy)
    batch.refresh_from_db()
    return batch


def _actions(batch) -> dict[int, str]:
    return dict(ImportRow.objects.filter(batch=batch).values_list("row_number", "action"))


def test_preview_judges_every_row(previewed):
    batch = previewed(_csv())
    assert batch.status == BatchStatus.PREVIEWED, batch.message
    assert _actions(batch) == {
        2: RowAction.NEW,
        3: RowAction.DUPLICATE,
        4: RowAction.ERROR,
        5: RowAction.NEW,
        6: RowAction.ERROR,
    }
    assert (batch.rows_new, batch.rows_duplicate, batch.rows_error) == (2, 1, 2)
    rows = {r.row_number: r for r in ImportRow.objects.filter(batch=batch)}
    assert rows[3].duplicate_of == 2
    assert "Lampung Barat” di luar wilayah kerja" in " ".join(rows[4].errors)
    assert any("Nama usaha kosong" in e or "nama usaha kosong" in e for e in rows[6].errors)
    four = rows[5]
    assert four.data["region"] == "18.71.01.1001"
    assert four.data["workers_unspecified"] is None
    assert four.data["kbli"] == "10761" and four.data["kbli_suggested"] is True
    assert four.data["phone"] == "+6281234567890"
    assert four.data["investment_value"] == 2_500_000
    # The NIK is never stored in clear in the preview.
    assert "1871015203850001" not in str(rows[2].data)
    assert rows[2].data["nik_masked"] == "1871**********01"
    assert Enterprise.objects.count() == 0


def test_commit_reimport_and_rollback(previewed, officer, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    batch = _commit(previewed(_csv()), officer, capture)
    assert batch.status == BatchStatus.COMMITTED, batch.message
    created = Enterprise.objects.order_by("name")
    assert [e.name for e in created] == ["Kopi Tanjung", "UD Kopi Gotong"]
    gotong = Enterprise.objects.get(name="UD Kopi Gotong")
    assert gotong.village_id == "18.71.01.1001" and gotong.regency_code == "18.71"
    assert gotong.investment_value == 150_000_000 and gotong.workers_total == 5
    assert gotong.owner.full_name == "Siti Aminah" and gotong.owner.gender == "P"
    assert gotong.size_class_permenperin == "kecil"
    assert gotong.source == "import" and gotong.status == "draft"
    tanjung = Enterprise.objects.get(name="Kopi Tanjung")
    assert tanjung.kbli_suggested is True
    # The COPY path announces its enterprises, so the dashboards' rollups count them.
    assert_equals_rebuild()
    record = ImportedRecord.objects.get(enterprise=gotong)
    assert (record.batch_id, record.row_number) == (batch.pk, 2)
    history = ChangeRecord.objects.get(entity="registry.enterprise", entity_id=str(gotong.pk))
    assert history.source_ref == f"impor:{batch.key}#2"

    again = previewed(_csv())
    assert _actions(again)[2] == RowAction.UNCHANGED
    assert _actions(again)[5] == RowAction.UNCHANGED
    assert again.rows_new == 0

    services.batch_rollback(batch=batch, actor=officer)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ROLLED_BACK
    assert Enterprise.objects.count() == 0 and Owner.objects.count() == 0
    assert_equals_rebuild()


def test_update_rule_keeps_verified_values(previewed, officer, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _commit(previewed(_csv(ROWS[:1])), officer, capture)
    gotong = Enterprise.objects.get()
    Enterprise.objects.filter(pk=gotong.pk).update(status="verified")
    changed = ROWS[0].replace("Rp 150 juta", "Rp 900 juta").replace("Jl. Kopi 1", "")
    batch = previewed(_csv([changed.replace(";2;3;", ";4;3;")]))
    row = ImportRow.objects.get(batch=batch)
    assert row.action == RowAction.UNCHANGED
    assert "terverifikasi dipertahankan" in " ".join(row.warnings)
    Enterprise.objects.filter(pk=gotong.pk).update(status="draft")
    batch = previewed(_csv([changed]))
    assert ImportRow.objects.get(batch=batch).action == RowAction.UPDATE
    _commit(batch, officer, capture)
    gotong.refresh_from_db()
    assert gotong.investment_value == 900_000_000
    assert gotong.address == "Jl. Kopi 1"  # an empty cell erases nothing
    services.batch_rollback(batch=batch, actor=officer)
    gotong.refresh_from_db()
    assert gotong.investment_value == 150_000_000


def test_rollback_refused_after_a_later_edit(
    previewed, officer, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    batch = _commit(previewed(_csv(ROWS[:1])), officer, django_capture_on_commit_callbacks)
    Enterprise.objects.update(updated_at=timezone.now())
    with pytest.raises(ValidationError, match="baris 2"):
        services.batch_rollback(batch=batch, actor=officer)
    assert Enterprise.objects.count() == 1


def test_stop_policy_refuses_a_batch_with_errors(previewed, officer):
    from django.core.exceptions import ValidationError

    batch = previewed(_csv())
    with pytest.raises(ValidationError, match="2 baris salah"):
        services.batch_start_commit(batch=batch, actor=officer, error_policy="stop")
    assert Enterprise.objects.count() == 0


def test_saved_mapping_is_reused_for_the_same_shape(previewed, officer):
    header = HEADER.replace("Nama Usaha", "Merek Dagang")
    batch = services.batch_upload(actor=officer, file_name="a.csv", data=_csv(ROWS[:1], header))
    assert batch.mapping["Merek Dagang"] is None
    mapping = {**batch.mapping, "Merek Dagang": "name"}
    services.batch_configure(batch=batch, actor=officer, mapping=mapping, save_as="Daftar 2024")
    assert ImportMapping.objects.get().name == "Daftar 2024"
    again = services.batch_upload(actor=officer, file_name="b.csv", data=_csv(ROWS[1:2], header))
    assert again.mapping["Merek Dagang"] == "name"


def test_other_office_cannot_touch_the_batch(previewed, other_officer):
    from django.core.exceptions import PermissionDenied

    batch = previewed(_csv(ROWS[:1]))
    with pytest.raises(PermissionDenied):
        services.batch_start_commit(batch=batch, actor=other_officer, error_policy="skip")


def test_error_report_holds_the_original_rows_and_their_problems(previewed):
    import openpyxl

    from simpul.exchange.engine.report import write_error_report

    batch = previewed(_csv(ROWS + ['=HYPERLINK("http://x");Eva;;;;Desa Entah;;;;;;;;']))
    sheet = openpyxl.load_workbook(write_error_report(batch, with_warnings=False)).active
    values = list(sheet.values)
    assert values[0][:4] == ("Baris di berkas asal", "Hasil", "Kesalahan", "Peringatan")
    assert list(values[0][4:]) == HEADER.split(";")
    assert [row[0] for row in values[1:]] == [4, 6, 7]
    assert values[1][4] == "Keripik Way" and "Lampung Barat" in values[1][2]
    assert values[3][4] == '\'=HYPERLINK("http://x")'  # a formula comes back as text


def test_a_suggested_kbli_must_be_confirmed_before_submission(
    previewed, officer, kbli, django_capture_on_commit_callbacks
):
    from simpul.core.audit import Provenance
    from simpul.registry import services as registry

    _commit(previewed(_csv(ROWS[3:4])), officer, django_capture_on_commit_callbacks)
    tanjung = Enterprise.objects.get()
    assert tanjung.kbli_suggested is True
    assert "KBLI dipastikan (saat ini saran otomatis)" in registry.missing_for_submission(tanjung)
    registry.enterprise_update(
        enterprise=tanjung, provenance=Provenance(actor=officer), data={"kbli": kbli}
    )
    tanjung.refresh_from_db()
    assert tanjung.kbli_suggested is False
    assert not any("KBLI" in str(m) for m in registry.missing_for_submission(tanjung))


def test_a_total_workforce_is_kept_unsplit_until_someone_splits_it(
    previewed, officer, django_capture_on_commit_callbacks
):
    from simpul.core.audit import Provenance
    from simpul.registry import services as registry

    header = HEADER.replace("TK L;TK P", "Jumlah TK;Keterangan")
    row = ROWS[0].replace(";2;3;", ";7;-;")
    _commit(previewed(_csv([row], header)), officer, django_capture_on_commit_callbacks)
    gotong = Enterprise.objects.get()
    assert (gotong.workers_male, gotong.workers_female, gotong.workers_unspecified) == (0, 0, 7)
    assert gotong.workers_total == 7
    registry.enterprise_update(
        enterprise=gotong,
        provenance=Provenance(actor=officer),
        data={"workers_male": 3, "workers_female": 4},
    )
    gotong.refresh_from_db()
    assert (gotong.workers_unspecified, gotong.workers_total) == (0, 7)


def test_the_nik_cell_is_sealed_in_the_row_and_opened_only_in_the_report(previewed):
    import openpyxl

    from simpul.exchange.engine.report import write_error_report

    nik = "1871015203850001"
    bad_village = ROWS[0].replace("Gotong Royong;", "Desa Entah;", 1)
    batch = previewed(_csv([ROWS[0], bad_village.replace("1234567890123", "")]))
    for row in ImportRow.objects.filter(batch=batch):
        assert nik not in str(row.original) and nik not in str(row.data)
        assert nik not in row.sealed_nik
        assert row.original["NIK"] == "1871**********01"
    sheet = openpyxl.load_workbook(write_error_report(batch, with_warnings=False)).active
    values = list(sheet.values)
    assert [row[0] for row in values[1:]] == [3]
    assert values[1][4 + HEADER.split(";").index("NIK")] == nik


def test_each_error_report_download_is_logged_and_kept_to_the_office(
    previewed, officer, other_officer
):
    from django.core.exceptions import PermissionDenied

    from simpul.core.audit import history_for

    batch = previewed(_csv())
    services.batch_error_report(batch=batch, actor=officer, with_warnings=False)
    assert history_for(batch).filter(action="report_downloaded", actor=officer).count() == 1
    with pytest.raises(PermissionDenied):
        services.batch_error_report(batch=batch, actor=other_officer, with_warnings=False)
