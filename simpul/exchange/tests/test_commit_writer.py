"""The commit's bulk writers store exactly what bulk_create stores (on PostgreSQL they use
COPY), and its remembered size classes are the registry's."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import IntegrityError, transaction

from simpul.core.models import ChangeRecord, Source
from simpul.exchange.engine.bulk import insert_all, insert_rows
from simpul.exchange.engine.commit import apply_size_class
from simpul.exchange.models import ImportBatch, ImportedRecord
from simpul.registry.choices import EnterpriseStatus, LegalForm
from simpul.registry.models import Enterprise, Owner
from simpul.registry.services import enterprise as registry

SKIP = {"id", "public_key", "created_at", "updated_at", "owner", "owner_id"}


VERIFIED = dt.datetime(2026, 3, 5, 9, 30, 15, 123456, tzinfo=dt.UTC)


def _enterprises(officer, kbli, owner, tag: str) -> list[Enterprise]:
    return [
        Enterprise(
            name=f"Kopi {tag} {i}",
            legal_form=LegalForm.UD if i % 2 else "cv",
            owner=owner if i % 2 else None,
            nib=f"{i:013d}",
            village_id="18.71.01.1001" if i % 3 else None,
            province_code="18",
            regency_code="18.71",
            district_code="18.71.01",
            latitude="-5.4291234" if i % 2 else None,
            longitude="105.2611",
            kbli=kbli,
            kbli_suggested=bool(i % 2),
            products="kopi bubuk",
            year_started=2001 + i,
            workers_male=i,
            workers_female=2,
            investment_value=150_000_000 * i,
            annual_sales=10**9,
            status=EnterpriseStatus.VERIFIED if i % 2 else EnterpriseStatus.DRAFT,
            verified_at=VERIFIED if i % 2 else None,
            source=Source.IMPORT,
            created_by=officer,
            registration_step=6,
        )
        for i in range(5)
    ]


def _stored(queryset, tag: str) -> list[dict]:
    rows = []
    for row in queryset.order_by("id").values():
        rows.append({k: v for k, v in row.items() if k not in SKIP})
        rows[-1]["name"] = rows[-1]["name"].replace(tag, "")
    return rows


def test_insert_all_stores_what_bulk_create_stores(officer, kbli):
    owner = Owner.objects.create(full_name="Siti")
    plain = Enterprise.objects.bulk_create(_enterprises(officer, kbli, owner, "A"))
    fast = insert_all(
        Enterprise, iter(_enterprises(officer, kbli, owner, "B")), count=5, batch_size=2
    )
    assert [e.pk for e in fast] == sorted(e.pk for e in fast)
    assert all(e.pk and not e._state.adding for e in fast)
    assert set(Enterprise.objects.filter(pk__in=[e.pk for e in fast])) == set(fast)
    a = _stored(Enterprise.objects.filter(pk__in=[e.pk for e in plain]), "A")
    b = _stored(Enterprise.objects.filter(pk__in=[e.pk for e in fast]), "B")
    assert a == b
    assert str(b[1]["latitude"]) == "-5.429123"  # rounded to the column's 6 places
    stored = Enterprise.objects.get(pk=fast[0].pk)
    assert stored.created_at and stored.updated_at and stored.status == "draft"


def test_insert_rows_stores_what_bulk_create_stores(officer, kbli):
    batch = ImportBatch.objects.create(office=officer.office, file_name="x.csv")
    enterprise = Enterprise.objects.create(name="Kopi", source=Source.IMPORT)
    history = {
        "entity": "registry.enterprise",
        "entity_id": str(enterprise.pk),
        "action": "created",
        "actor_id": officer.pk,
        "source": Source.IMPORT,
        "changes": {"name": [None, "Kopi"], "latitude": [None, "-5.1"], "kbli_suggested": True},
    }
    for ref in ("a", "b"):
        rows = [{**history, "source_ref": f"{ref}#{n}"} for n in range(3)]
        if ref == "a":
            ChangeRecord.objects.bulk_create([ChangeRecord(**row) for row in rows])
        else:
            insert_rows(ChangeRecord, iter(rows), batch_size=2)
    stored = list(ChangeRecord.objects.order_by("id").values())
    for a, b in zip(stored[:3], stored[3:], strict=True):
        assert a["created_at"] and b["created_at"]
        a = {k: v for k, v in a.items() if k not in {"id", "created_at", "source_ref"}}
        b = {k: v for k, v in b.items() if k not in {"id", "created_at", "source_ref"}}
        assert a == b and a["note"] == "" and a["changes"]["kbli_suggested"] is True

    record = {"batch_id": batch.pk, "row_number": 2, "action": "new"}
    ImportedRecord.objects.bulk_create([ImportedRecord(**record, enterprise_id=enterprise.pk)])
    insert_rows(ImportedRecord, [{**record, "enterprise_id": enterprise.pk}], batch_size=1)
    a, b = ImportedRecord.objects.order_by("id").values("before", "owner_created", "action")
    assert a == b == {"before": {}, "owner_created": False, "action": "new"}
    insert_rows(ImportedRecord, [], batch_size=1)  # nothing to write
    assert ImportedRecord.objects.count() == 2


def test_a_bad_row_fails_the_statement_as_bulk_create_does(officer):
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_all(Owner, [Owner(full_name=None)], count=1, batch_size=1)
    assert not Owner.objects.exists()


def test_remembered_size_classes_are_the_registrys():
    workers = [0, 5, 19, 20, 21, 150]
    money = [0, 1, 999_999_999, 10**9, 10**9 + 1, 5 * 10**9, 15 * 10**9, 15 * 10**9 + 1]
    for male, investment, capital, sales in itertools.product(workers, money, money, money[:4]):
        expected = Enterprise(
            workers_male=male, investment_value=investment, business_capital=capital
        )
        expected.annual_sales = sales
        registry.apply_size_class(expected)
        got = Enterprise(workers_male=male, investment_value=investment, business_capital=capital)
        got.annual_sales = sales
        for _ in range(2):  # the second time from the cache
            apply_size_class(got)
            assert (got.size_class_permenperin, got.size_class_pp7) == (
                expected.size_class_permenperin,
                expected.size_class_pp7,
            )
