"""The Lampung demo's yearly figures: four completed years for the verified enterprises,
every row audited, a couple of flagged jumps, one questioned, the demo owner's history;
the same seed gives the same figures. One (small) seed: seeding is the slow part."""

from __future__ import annotations

import pytest
from django.utils import timezone

from simpul.core.models import ChangeRecord
from simpul.notifications.models import Notification
from simpul.registry.demo.plan import DEMO_OWNER_EMAIL
from simpul.registry.models import Enterprise
from simpul.registry.tests.test_demo import lampung, seed  # noqa: F401 - the shared fixture
from simpul.reporting.choices import FigureStatus
from simpul.reporting.demo import seed_reporting_demo
from simpul.reporting.models import YearlyFigure

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_yearly_figures(lampung):  # noqa: F811
    out = seed()
    last = timezone.localdate().year - 1
    years = set(YearlyFigure.objects.values_list("year", flat=True))
    assert years == {last - 3, last - 2, last - 1, last}
    verified = Enterprise.objects.filter(status="verified")
    assert set(YearlyFigure.objects.values_list("enterprise_id", flat=True)) <= set(
        verified.values_list("id", flat=True)
    )
    total = YearlyFigure.objects.count()
    assert total >= 3 * verified.count()
    assert f"Laporan tahunan: {total} laporan" in out
    # Every row went through the service: one creation record each.
    created = ChangeRecord.objects.filter(entity="reporting.yearlyfigure", action="created")
    assert created.count() == total
    assert YearlyFigure.objects.filter(source="import").exists()
    assert YearlyFigure.objects.filter(source="self_registration").exists()
    # Believable: some online sales, few exporters, flags and one question.
    last_rows = YearlyFigure.objects.filter(year=last)
    online = last_rows.filter(online_sales_percent__gt=0).count()
    assert 0.2 < online / last_rows.count() < 0.7
    assert last_rows.filter(export_value__gt=0).count() < last_rows.count() * 0.1
    assert last_rows.filter(flag_count__gt=0).count() >= 2
    questioned = YearlyFigure.objects.get(status=FigureStatus.QUESTIONED)
    assert questioned.year == last and "kali lipat" in questioned.flags[0]
    owner = questioned.enterprise.owner
    if owner and owner.user:
        assert Notification.objects.filter(user=owner.user, title__contains="dipertanyakan")
    assert YearlyFigure.objects.filter(year__lt=last, status=FigureStatus.ACCEPTED).count() > 0
    assert YearlyFigure.objects.filter(year=last, status=FigureStatus.SUBMITTED).count() > 0
    # Kota Bandar Lampung has not collected last year from some enterprises without a
    # login: its officer's due list has them, and only them.
    from simpul.accounts.models import User
    from simpul.core.scope import RegionScope
    from simpul.reporting.selectors import due_enterprises

    officer = User.objects.get(email="petugas.18-71@demo.simpul.id")
    due = due_enterprises(scope=RegionScope.for_user(officer), year=last)
    without_login = verified.filter(regency_code="18.71").exclude(
        owner__user__is_active=True, owner__user__role="owner"
    )
    # A share of them, not all, and none of those with a login (they report themselves).
    assert 0 < due.count() <= 0.2 * without_login.count()
    assert set(due.values_list("pk", flat=True)) <= set(without_login.values_list("pk", flat=True))
    # The demo owner reported her verified business herself, four years.
    mine = YearlyFigure.objects.filter(enterprise__owner__email=DEMO_OWNER_EMAIL)
    assert mine.count() == 4
    assert set(mine.values_list("source", flat=True)) == {"self_registration"}
    # Same seed, same figures.
    before = list(
        YearlyFigure.objects.order_by("enterprise_id", "year").values_list(
            "enterprise_id", "year", "sales_value", "workforce_men", "export_value"
        )
    )
    YearlyFigure.objects.all().delete()
    seed_reporting_demo(seed=2026)
    after = list(
        YearlyFigure.objects.order_by("enterprise_id", "year").values_list(
            "enterprise_id", "year", "sales_value", "workforce_men", "export_value"
        )
    )
    assert after == before
