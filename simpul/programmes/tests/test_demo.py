"""The programme and partnership demo: seeded by `seed_demo` through the services, it shows
a programme run from call to follow-up, one in curation with work for the outside
panelist, an open call, the offices' targets and partnerships up to contracts; it sends
no e-mail, and the same seed gives the same figures.

One seed (the registry demo test's small one) serves all checks: seeding is the slow part.
The test commits for real (transaction=True) so that the services' on-commit e-mail
callbacks run, and would fill the outbox if the seed did not keep the demo quiet."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from simpul.accounts.models import User
from simpul.core.models import ChangeRecord
from simpul.notifications.models import Notification
from simpul.partnerships.demo import PARTNER_EMAIL, seed_partnerships_demo
from simpul.partnerships.models import Match, Partner, PartnerNeed
from simpul.programmes.choices import QUOTA_STATUSES
from simpul.programmes.demo import seed_programmes_demo
from simpul.programmes.demo.common import PANELIST_EMAIL
from simpul.programmes.models import Application, Programme, Review, Target
from simpul.programmes.selectors.applicants import panel_queue
from simpul.programmes.selectors.programmes import call_is_open, open_calls
from simpul.programmes.selectors.targets import target_progress
from simpul.registry.demo.offices import DEMO_PASSWORD
from simpul.registry.demo.plan import DEMO_OWNER_EMAIL
from simpul.registry.demo.seed import DEFAULT_SEED
from simpul.registry.tests.test_demo import lampung, seed  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db(transaction=True)


def programme(kind: str) -> Programme:
    return Programme.objects.get(kind=kind)


def test_demo_programmes_and_partnerships(lampung, client):  # noqa: F811
    out = seed()
    assert "Program: 3 program" in out and "Kemitraan: 2 mitra" in out
    panelist = User.objects.get(email=PANELIST_EMAIL)
    check_past_programme(panelist)
    check_curation_queue(panelist)
    check_open_call()
    check_demo_owner(client)
    check_targets()
    check_partnerships()
    check_logins(panelist)
    check_quiet()
    check_same_seed_same_figures()


def check_past_programme(panelist: User) -> None:
    today = timezone.localdate()
    halal = programme("cert_halal")
    assert halal.status == "finished" and halal.period_end < today
    apps = halal.applications.all()
    assert 25 <= apps.count() <= 60
    for a in apps:  # applied inside the window, as the audit trail records it
        assert halal.apply_opens <= timezone.localdate(a.applied_at) <= halal.apply_closes
        first = ChangeRecord.objects.filter(entity="programmes.application", entity_id=str(a.pk))
        assert first.order_by("created_at", "id").first().action in {"submitted", "nominated"}
    ineligible = apps.filter(status="ineligible")
    assert ineligible.count() >= 2
    assert all(any(not r["ok"] and r["message"] for r in a.eligibility) for a in ineligible)
    # Quota: the selection filled it, the waitlist filled a place freed by a withdrawal.
    assert apps.filter(status__in=QUOTA_STATUSES).count() <= halal.quota
    finalised = ChangeRecord.objects.get(
        entity="programmes.programme", entity_id=str(halal.pk), action="selection_finalised"
    )
    selected, waitlisted, _rejected = finalised.changes["selected_waitlisted_rejected"][1]
    assert selected == halal.quota and waitlisted >= 1
    promoted = ChangeRecord.objects.filter(
        entity="programmes.application", changes__status=["waitlisted", "selected"]
    )
    assert promoted.exists()
    assert apps.filter(status="dropped").count() == 2  # one withdrawal, one drop-out
    # Both stages scored by the officer and by the invited outside panelist, fully.
    assert panelist.role == "panelist" and panelist.office is None
    for stage in halal.stages.all():
        by_panelist = stage.reviews.filter(panelist=panelist).count()
        assert by_panelist > 0
        assert stage.reviews.count() == 2 * by_panelist
    completed = list(apps.filter(status="completed"))
    assert len(completed) >= 5
    assert halal.sessions.count() == 4
    for a in completed:
        assert a.attendance.filter(present=True).exists()
        assert a.pre_test is not None and a.post_test > a.pre_test
        assert a.follow_ups.count() == 3
    certificates = [o for a in completed for o in a.outcomes.all()]
    assert len(certificates) >= len(completed) // 2
    assert all(o.certificate_number and o.issued_on <= today for o in certificates)
    first_checks = [a.follow_ups.get(months_after=3) for a in completed]
    assert any(f.done_on and f.monthly_sales for f in first_checks)
    assert any(f.done_on is None and f.due_on < today for f in first_checks)  # still due


def check_curation_queue(panelist: User) -> None:
    machinery = programme("machinery")
    assert machinery.status == "published" and machinery.apply_closes < timezone.localdate()
    assert machinery.reimbursement_percent == 30
    queue = panel_queue(user=panelist)
    assert {item.programme for item in queue} == {machinery.title}
    assert any(not item.reviewed for item in queue) and any(item.reviewed for item in queue)
    assert machinery.applications.filter(status="curation").count() == len(queue)


def check_open_call() -> None:
    today = timezone.localdate()
    call = programme("workshop")
    assert call_is_open(call, today)
    assert call in open_calls(today=today)
    assert call.questions.count() == 3 and len(call.required_documents) == 2
    apps = call.applications.all()
    assert apps.filter(status="eligible").count() >= 3
    for a in apps:
        documents = list(a.documents.all())
        assert sorted(d.content_type for d in documents) == ["application/pdf", "image/jpeg"]
        assert all(d.file.storage.exists(d.file.name) for d in documents)


def check_demo_owner(client) -> None:
    owner = User.objects.get(email=DEMO_OWNER_EMAIL)
    mine = Application.objects.filter(enterprise__owner__user=owner)
    done = mine.get(programme__kind="cert_halal")
    assert done.status == "completed"
    certificate = done.outcomes.get()
    assert done.follow_ups.get(months_after=3).done_on is not None
    assert mine.get(programme__kind="workshop").status == "eligible"
    client.force_login(owner)
    page = client.get("/usaha/program/").content.decode()
    assert done.programme.title in page
    detail = client.get(f"/usaha/program/{done.public_key}/").content.decode()
    assert certificate.certificate_number in detail
    assert Match.objects.filter(enterprise__owner__user=owner, status="delivered").exists()


def check_targets() -> None:
    year = timezone.localdate().year
    for code in ("dinas-18", "dinas-18-71"):
        for y in (year - 1, year):
            assert Target.objects.filter(office__code=code, year=y).count() >= 2, (code, y)
    province = Target.objects.get(
        office__code="dinas-18", year=year, indicator="facilitated", programme_kind="cert_halal"
    ).office
    progress = {
        (p.target.indicator, p.target.programme_kind): p
        for p in target_progress(office=province, year=year)
    }
    halal = programme("cert_halal")
    reached = halal.applications.filter(status__in=["participating", "completed"]).count()
    assert progress[("facilitated", "cert_halal")].actual == reached
    assert progress[("new_registered", "")].actual > 0
    # The province's development plan: 14 % growth of verified IKM, last year and this.
    growth = Target.objects.filter(office__code="dinas-18", indicator="growth_pct")
    assert sorted(growth.values_list("year", "value")) == [(year - 1, 14), (year, 14)]
    assert progress[("growth_pct", "")].actual is not None


def check_partnerships() -> None:
    assert sorted(Partner.objects.values_list("kind", flat=True)) == ["bumn", "buyer"]
    contact = User.objects.get(email=PARTNER_EMAIL)
    assert contact.role == "partner"
    assert Partner.objects.get(kind="buyer").members.filter(user=contact).exists()
    assert PartnerNeed.objects.filter(created_by=contact).count() == 2
    statuses = set(Match.objects.values_list("status", flat=True))
    assert {"meeting", "sample", "contract", "delivered", "declined"} <= statuses
    signed = Match.objects.filter(status__in=["contract", "delivered"])
    assert signed.exists() and all(m.contract_value > 0 for m in signed)
    assert (
        Match.objects.exclude(status__in=["contract", "delivered"])
        .filter(contract_value__isnull=False)
        .count()
        == 0
    )


def check_logins(panelist: User) -> None:
    contact = User.objects.get(email=PARTNER_EMAIL)
    assert panelist.check_password(DEMO_PASSWORD) and contact.check_password(DEMO_PASSWORD)
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    table = out.getvalue()
    assert PANELIST_EMAIL in table and PARTNER_EMAIL in table


def check_quiet() -> None:
    """The inbox gets the messages, nobody gets e-mail, and nothing waits in the queue."""
    assert mail.outbox == []
    assert Notification.objects.filter(user__email=DEMO_OWNER_EMAIL).exists()
    assert Notification.objects.filter(user__email=PANELIST_EMAIL).exists()
    assert not Notification.objects.filter(emailed=True).exists()


def _figures() -> list[tuple]:
    applications = Application.objects.order_by("programme__title", "enterprise_id")
    return [
        *Programme.objects.order_by("title").values_list("title", "status", "quota"),
        *applications.values_list(
            "programme__title", "enterprise__name", "status", "pre_test", "post_test"
        ),
        *Review.objects.order_by("application__enterprise_id", "stage__name", "total").values_list(
            "application__enterprise__name", "stage__name", "total"
        ),
        *Application.objects.filter(outcomes__isnull=False)
        .order_by("enterprise_id")
        .values_list("enterprise__name", "outcomes__certificate_number"),
        *Target.objects.order_by("office__code", "year", "indicator", "programme_kind").values_list(
            "office__code", "year", "indicator", "programme_kind", "value"
        ),
        *Match.objects.order_by("need__title", "enterprise_id").values_list(
            "need__title", "enterprise__name", "status", "contract_value"
        ),
    ]


def _unseed() -> None:
    """Remove what the programme and partnership seeds wrote (the registry stays)."""
    Match.objects.all().delete()
    PartnerNeed.objects.all().delete()
    Partner.objects.all().delete()
    Application.objects.all().delete()
    Programme.objects.all().delete()
    Target.objects.all().delete()
    User.objects.filter(email__in=[PANELIST_EMAIL, PARTNER_EMAIL]).delete()


def check_same_seed_same_figures() -> None:
    first = _figures()
    _unseed()
    seed_programmes_demo(seed=DEFAULT_SEED)
    seed_partnerships_demo(seed=DEFAULT_SEED)
    assert _figures() == first
