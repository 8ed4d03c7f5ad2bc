"""An export re-imports cleanly: every exported row matches its enterprise and nothing
changes, in both formats."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simpul.exchange import services
from simpul.exchange.choices import RowAction
from simpul.exchange.models import ImportRow
from simpul.registry.models import Enterprise, Sentra

from .test_import_flow import ROWS, _commit, _csv


@pytest.fixture
def registry_rows(complete_enterprise, previewed, officer, django_capture_on_commit_callbacks):
    """A self-registered enterprise plus imported ones with a sentra, a formula-like name,
    an unsplit workforce and a suggested KBLI."""
    Sentra.objects.create(
        name="Sentra Kopi Gotong", commodity="kopi", province_code="18", regency_code="18.71"
    )
    rows = [
        ROWS[0].replace("UD Kopi Gotong", "=Kopi Rumus"),
        ROWS[3],
    ]
    _commit(previewed(_csv(rows)), officer, django_capture_on_commit_callbacks)
    Enterprise.objects.filter(name="Kopi Tanjung").update(workers_unspecified=6)
    return Enterprise.objects.count()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reimports_without_changes(
    client, officer, registry_rows, fmt, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    response = client.get(reverse("exchange:export"), {"berkas": fmt})
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    batch = services.batch_upload(actor=officer, file_name=f"ekspor.{fmt}", data=data)
    assert all(batch.mapping[c] for c in batch.columns[:26]), batch.mapping
    services.batch_configure(batch=batch, actor=officer, mapping=batch.mapping)
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_start_preview(batch=batch, actor=officer)
    batch.refresh_from_db()
    rows = list(ImportRow.objects.filter(batch=batch))
    assert len(rows) == registry_rows == 3
    assert {row.action for row in rows} == {RowAction.UNCHANGED}, [
        (row.row_number, row.action, row.errors, row.data) for row in rows
    ]
    assert {row.match_rule for row in rows} == {"code"}
    assert [row.errors for row in rows] == [[], [], []]
    # Masked NIKs, unsplit workforce and guarded cells re-import without a remark.
    assert [row.warnings for row in rows] == [[], [], []]
    formula = next(row for row in rows if row.data["name"].startswith("="))
    assert formula.data["name"] == "=Kopi Rumus"  # the guard's apostrophe is not kept
    assert Enterprise.objects.count() == registry_rows


def test_the_blank_template_maps_every_column_and_explains_it(client, officer):
    import io

    import openpyxl

    from simpul.exchange.mapping import suggest_mapping

    client.force_login(officer)
    response = client.get(reverse("exchange:template"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    headers = [cell.value for cell in book["Data IKM"][1]]
    mapping = suggest_mapping(headers)
    assert all(mapping.values()) and len(set(mapping.values())) == len(headers) == 26
    assert book["Data IKM"]["E2"].number_format == "@"  # NIK typed as text keeps its digits
    guide = {row[0]: row[1] for row in book["Petunjuk"].iter_rows(min_row=2, values_only=True)}
    assert "16 digit" in guide["NIK Pemilik"]
    assert set(guide) == set(headers)


def test_the_template_is_for_staff_only(client, owner_user):
    client.force_login(owner_user)
    assert client.get(reverse("exchange:template")).status_code == 403
