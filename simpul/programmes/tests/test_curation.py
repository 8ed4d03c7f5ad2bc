"""Curation and selection services: weighted totals worked by hand, reviews by an outside
panel, ranking, advancing stages with a different panel, missing reviews, the quota and
the waitlist, single decisions, jurisdiction, and the officers' WhatsApp link."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from simpul.core.audit import history_for
from simpul.programmes.models import Application, Criterion, Review, ReviewScore
from simpul.programmes.selectors.applicants import panel_queue
from simpul.programmes.services import curation
from simpul.programmes.services.transitions import application_transition
from simpul.programmes.whatsapp import wa_link
from simpul.registry.models import Owner

from .curation_fixtures import *  # noqa: F403 (the fixtures)
from .curation_fixtures import fresh, prov, score, score_stage_one
from .delivery_helpers import applied

# Stage 1 marks (usaha /10 weight 3, produk /5 weight 1) → totals 100, 80, 70, 40.
MARKS = [(10, 5), (8, 4), (6, 5), (4, 2)]


def test_weighted_total_by_hand():
    # (3 × 7/10 + 1 × 4/5 + 2 × 55/100) / 6 × 100 = (2.1 + 0.8 + 1.1) / 6 × 100 = 66.666…
    criteria = [
        Criterion(pk=1, name="a", weight=3, max_score=10),
        Criterion(pk=2, name="b", weight=1, max_score=5),
        Criterion(pk=3, name="c", weight=2, max_score=100),
    ]
    assert curation.weighted_total(criteria, {1: 7, 2: 4, 3: 55}) == Decimal("66.67")
    assert curation.weighted_total(criteria, {1: 10, 2: 5, 3: 100}) == Decimal("100.00")
    assert curation.weighted_total(criteria, {1: 0, 2: 0, 3: 0}) == Decimal("0.00")
    # 1/3 of a single criterion: 33.333… rounds down, 2/3: 66.666… rounds up.
    third = [Criterion(pk=9, name="x", weight=1, max_score=3)]
    assert curation.weighted_total(third, {9: 1}) == Decimal("33.33")
    assert curation.weighted_total(third, {9: 2}) == Decimal("66.67")


def test_an_outside_panelist_scores_and_the_total_is_stored_exactly(
    staged, applicants, panelist, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    c = staged["criteria"]
    review = score(
        panelist, applicants[0], staged["one"], {c["usaha"]: 7, c["produk"]: 4}, "Prospek baik"
    )
    # (3 × 7/10 + 1 × 4/5) / 4 × 100 = (2.1 + 0.8) / 4 × 100 = 72.5
    review.refresh_from_db()
    assert review.total == Decimal("72.50") and review.comment == "Prospek baik"
    assert {s.criterion_id: s.value for s in review.scores.all()} == {
        c["usaha"].pk: 7,
        c["produk"].pk: 4,
    }
    record = history_for(review).get()
    assert record.action == "review_submitted" and record.actor == panelist
    assert record.changes["total"] == [None, "72.50"]


def test_resubmitting_updates_the_panelists_own_review_with_before_and_after(
    staged, applicants, panelist, panelist2, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    c, one = staged["criteria"], staged["one"]
    score(panelist2, applicants[0], one, {c["usaha"]: 2, c["produk"]: 2})
    first = score(panelist, applicants[0], one, {c["usaha"]: 7, c["produk"]: 4}, "awal")
    again = score(panelist, applicants[0], one, {c["usaha"]: 7, c["produk"]: 3}, "revisi")
    assert again.pk == first.pk
    assert Review.objects.filter(application=applicants[0], panelist=panelist).count() == 1
    assert again.total == Decimal("67.50")  # (2.1 + 0.6) / 4 × 100
    update = history_for(again).filter(action="review_updated").get()
    assert update.changes["total"] == ["72.50", "67.50"]
    assert update.changes["comment"] == ["awal", "revisi"]
    assert update.changes["nilai"] == [
        "Potensi usaha: 7/10; Kesiapan produk: 4/5",
        "Potensi usaha: 7/10; Kesiapan produk: 3/5",
    ]
    # The other panelist's review is untouched.
    other = Review.objects.get(application=applicants[0], panelist=panelist2)
    assert other.total == Decimal("25.00")  # (3 × 2/10 + 1 × 2/5) / 4 × 100


def test_bad_scores_are_refused_and_nothing_is_stored(staged, applicants, panelist, officer_prov):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    c, one = staged["criteria"], staged["one"]
    cases = [
        ({c["usaha"]: 11, c["produk"]: 4}, f"c_{c['usaha'].pk}"),  # above the maximum
        ({c["usaha"]: -1, c["produk"]: 4}, f"c_{c['usaha'].pk}"),
        ({c["usaha"]: 5}, f"c_{c['produk'].pk}"),  # a criterion left out
        ({c["usaha"]: 5, c["produk"]: "4"}, f"c_{c['produk'].pk}"),  # not a whole number
    ]
    for values, key in cases:
        with pytest.raises(ValidationError) as exc:
            score(panelist, applicants[0], one, values)
        assert key in exc.value.message_dict
    with pytest.raises(ValidationError, match="bukan milik tahap ini"):
        score(panelist, applicants[0], one, {c["usaha"]: 5, c["produk"]: 4, c["wawancara"]: 9})
    assert not Review.objects.exists() and not ReviewScore.objects.exists()


def test_only_panelists_of_the_stage_the_application_sits_in_may_score(
    staged, applicants, panelist, final_panelist, officer, officer_prov
):
    c = staged["criteria"]
    values = {c["usaha"]: 5, c["produk"]: 4}
    with pytest.raises(PermissionDenied):  # still ELIGIBLE, not in any stage
        score(panelist, applicants[0], staged["one"], values)
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    for user in (final_panelist, officer):  # another stage's panel; an officer not on it
        with pytest.raises(PermissionDenied):
            score(user, applicants[0], staged["one"], values)
    with pytest.raises(PermissionDenied):  # the panelist, but for a stage it is not in
        score(final_panelist, applicants[0], staged["two"], {c["wawancara"]: 50})
    assert not Review.objects.exists()


def test_curation_start_needs_stages_and_moves_every_eligible_one(
    programme, applicants, officer_prov, make_programme, make_enterprise
):
    bare = make_programme(title="Tanpa tahap")
    applied(bare, make_enterprise("Sambal Eka"), "eligible", officer_prov)
    with pytest.raises(ValidationError, match="seleksi langsung"):
        curation.curation_start(provenance=officer_prov, programme=bare)


def test_curation_start_moves_eligible_into_stage_one(staged, applicants, officer_prov, officer):
    ineligible = application_transition(
        application=applicants[3], to="ineligible", provenance=officer_prov
    )
    moved = curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    assert [a.pk for a in moved] == [a.pk for a in applicants[:3]]
    assert all(fresh(a).stage == staged["one"] and fresh(a).status == "curation" for a in moved)
    assert fresh(ineligible).status == "ineligible" and fresh(ineligible).stage is None
    assert history_for(staged["programme"]).filter(action="curation_started").exists()
    with pytest.raises(ValidationError, match="Tidak ada pendaftar"):  # nobody left to move
        curation.curation_start(provenance=officer_prov, programme=staged["programme"])


def test_ranking_means_counts_and_ties_by_application_order(
    staged, applicants, panelist, panelist2, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    c, one = staged["criteria"], staged["one"]
    # Ani: 72.50 and 67.50 → 70.00; Budi: 70.00 once; Citra: 100 and 80 → 90; Dedi: none.
    score(panelist, applicants[0], one, {c["usaha"]: 7, c["produk"]: 4})
    score(panelist2, applicants[0], one, {c["usaha"]: 7, c["produk"]: 3})
    score(panelist, applicants[1], one, {c["usaha"]: 6, c["produk"]: 5})
    score(panelist, applicants[2], one, {c["usaha"]: 10, c["produk"]: 5})
    score(panelist2, applicants[2], one, {c["usaha"]: 8, c["produk"]: 4})
    ranking = curation.stage_ranking(stage=one)
    assert [(r.application.pk, r.mean, r.reviews, r.rank) for r in ranking] == [
        (applicants[2].pk, Decimal("90.00"), 2, 1),
        (applicants[0].pk, Decimal("70.00"), 2, 2),  # tie with Budi: Ani applied first
        (applicants[1].pk, Decimal("70.00"), 1, 3),
        (applicants[3].pk, None, 0, 4),
    ]
    assert curation.missing_reviews(one, ranking) == (3, 2)  # Budi 1, Dedi 2


def test_missing_reviews_block_the_advance_unless_forced_with_a_reason(
    staged, applicants, panelist, panelist2, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    score_stage_one(staged, panelist, panelist2, applicants[:3], MARKS[:3])
    c = staged["criteria"]
    score(panelist, applicants[3], staged["one"], {c["usaha"]: 4, c["produk"]: 2})
    with pytest.raises(ValidationError, match="1 penilaian panelis yang belum masuk"):
        curation.stage_advance(provenance=officer_prov, stage=staged["one"], pass_count=2)
    with pytest.raises(ValidationError) as exc:
        curation.stage_advance(
            provenance=officer_prov, stage=staged["one"], pass_count=2, force=True, reason=" "
        )
    assert "reason" in exc.value.message_dict
    assert all(fresh(a).stage == staged["one"] for a in applicants)  # nothing moved
    result = curation.stage_advance(
        provenance=officer_prov,
        stage=staged["one"],
        pass_count=2,
        force=True,
        reason="Panelis OJK berhalangan",
    )
    assert [a.pk for a in result.passed] == [applicants[0].pk, applicants[1].pk]
    record = history_for(staged["programme"]).get(action="stage_advanced")
    assert record.note == "Panelis OJK berhalangan"


def test_pass_count_must_fit_the_stage(staged, applicants, panelist, panelist2, officer_prov):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    score_stage_one(staged, panelist, panelist2, applicants, MARKS)
    for bad in (0, 5, "2", True):
        with pytest.raises(ValidationError) as exc:
            curation.stage_advance(provenance=officer_prov, stage=staged["one"], pass_count=bad)
        assert "pass_count" in exc.value.message_dict
    with pytest.raises(ValidationError, match="tahap terakhir"):
        curation.stage_advance(provenance=officer_prov, stage=staged["two"], pass_count=1)


def test_two_stages_with_different_panels_and_the_stage_two_panel_sees_only_its_own(
    staged,
    applicants,
    panelist,
    panelist2,
    final_panelist,
    officer_prov,
    make_programme,
    make_enterprise,
):
    # Another programme where the final panelist sits on stage 1: not on this queue's
    # stage-2 panel, and its applications must not leak into the other programme.
    other = make_programme(title="Bimtek Kemasan")
    from simpul.programmes.models import Stage

    other_stage = Stage.objects.create(programme=other, number=1, name="Administrasi")
    Criterion.objects.create(stage=other_stage, name="Kelengkapan", weight=1, max_score=10)
    stranger = applied(other, make_enterprise("Dodol Fajar"), "eligible", officer_prov)
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    assert panel_queue(user=final_panelist) == []  # nobody in stage 2 yet
    score_stage_one(staged, panelist, panelist2, applicants, MARKS)
    result = curation.stage_advance(provenance=officer_prov, stage=staged["one"], pass_count=2)
    top, rest = applicants[:2], applicants[2:]  # totals 100 and 80 pass, 70 and 40 do not
    assert [a.pk for a in result.passed] == [a.pk for a in top]
    for a in top:
        assert fresh(a).status == "curation" and fresh(a).stage == staged["two"]
    for a in rest:
        assert fresh(a).status == "rejected" and "Tidak lolos" in fresh(a).decision_note
    queue = panel_queue(user=final_panelist)
    assert [item.key for item in queue] == [a.public_key for a in top]
    assert not any(item.reviewed for item in queue)
    # The stage-1 panel no longer has anything to score.
    assert panel_queue(user=panelist) == []
    # A stage-1 panelist cannot score the application that moved on.
    with pytest.raises(PermissionDenied):
        score(panelist, top[0], staged["one"], {staged["criteria"]["usaha"]: 1})
    # The stage-2 panelist sitting on another programme's stage sees only its own items.
    other_stage.panelists.add(final_panelist)
    curation.curation_start(provenance=officer_prov, programme=other)
    keys = {item.key for item in panel_queue(user=final_panelist)}
    assert keys == {a.public_key for a in top} | {stranger.public_key}
    assert not keys & {a.public_key for a in rest}


def _to_final(staged, applicants, panelist, panelist2, final_panelist, officer_prov):
    """All four in stage 2, scored there 90, 60, 75, 30."""
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    score_stage_one(staged, panelist, panelist2, applicants, MARKS)
    curation.stage_advance(provenance=officer_prov, stage=staged["one"], pass_count=4)
    w = staged["criteria"]["wawancara"]
    for application, mark in zip(applicants, (90, 60, 75, 30), strict=True):
        score(final_panelist, application, staged["two"], {w: mark})


def test_quota_and_waitlist_then_a_drop_promotes_the_waitlisted(
    staged, applicants, panelist, panelist2, final_panelist, officer_prov, make_enterprise
):
    assert staged["programme"].quota == 2
    _to_final(staged, applicants, panelist, panelist2, final_panelist, officer_prov)
    ani, budi, citra, dedi = applicants
    summary = curation.selection_finalise(
        provenance=officer_prov, programme=staged["programme"], waitlist_size=1
    )
    assert [a.pk for a in summary.selected] == [ani.pk, citra.pk]  # 90 and 75
    assert [a.pk for a in summary.waitlisted] == [budi.pk]  # 60
    assert [a.pk for a in summary.rejected] == [dedi.pk]  # 30
    assert fresh(budi).status == "waitlisted" and fresh(budi).waitlist_rank == 1
    assert fresh(dedi).status == "rejected"
    assert history_for(staged["programme"]).filter(action="selection_finalised").exists()
    # The place of a selected participant who drops goes to the waitlist.
    application_transition(application=fresh(citra), to="participating", provenance=officer_prov)
    application_transition(application=fresh(citra), to="dropped", provenance=officer_prov)
    assert fresh(budi).status == "selected"
    # The quota holds for a single decision too.
    late = applied(staged["programme"], make_enterprise("Sambal Eka"), "eligible", officer_prov)
    with pytest.raises(ValidationError, match="Kuota program sudah penuh"):
        curation.application_decide(
            provenance=officer_prov, application=late, to="selected", note=""
        )
    assert fresh(late).status == "eligible"


def test_finalise_refuses_while_an_earlier_stage_still_has_applicants(
    staged, applicants, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    with pytest.raises(ValidationError, match="Seleksi administrasi"):
        curation.selection_finalise(
            provenance=officer_prov, programme=staged["programme"], waitlist_size=0
        )
    assert Application.objects.filter(status="curation").count() == 4


def test_selection_without_stages_goes_by_application_order(programme, applicants, officer_prov):
    summary = curation.selection_finalise(
        provenance=officer_prov, programme=programme, waitlist_size=5
    )
    assert [a.pk for a in summary.selected] == [a.pk for a in applicants[:2]]
    assert [a.pk for a in summary.waitlisted] == [a.pk for a in applicants[2:]]
    assert [fresh(a).waitlist_rank for a in applicants[2:]] == [1, 2]
    assert summary.rejected == []


def test_single_decisions_go_through_the_machine(applicants, officer_prov):
    decided = curation.application_decide(
        provenance=officer_prov, application=applicants[0], to="waitlisted", note="Cadangan"
    )
    assert decided.status == "waitlisted" and decided.decision_note == "Cadangan"
    with pytest.raises(ValidationError):
        curation.application_decide(
            provenance=officer_prov, application=applicants[1], to="completed", note=""
        )
    rejected = curation.application_decide(
        provenance=officer_prov, application=applicants[1], to="rejected", note=""
    )
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        curation.application_decide(
            provenance=officer_prov, application=rejected, to="selected", note=""
        )
    assert fresh(applicants[1]).status == "rejected"


def test_jurisdiction_and_roles_on_every_decision(
    staged, applicants, other_officer, analyst, panelist, officer_prov
):
    """A regency officer of 18.04 and an analyst of 18.71 change nothing."""
    for user in (other_officer, analyst, panelist):
        p = prov(user)
        with pytest.raises(PermissionDenied):
            curation.curation_start(provenance=p, programme=staged["programme"])
        with pytest.raises(PermissionDenied):
            curation.selection_finalise(
                provenance=p, programme=staged["programme"], waitlist_size=0
            )
        with pytest.raises(PermissionDenied):
            curation.application_decide(provenance=p, application=applicants[0], to="selected")
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    with pytest.raises(PermissionDenied):
        curation.stage_advance(provenance=prov(other_officer), stage=staged["one"], pass_count=1)
    assert Application.objects.filter(status="curation").count() == 4
    assert not Application.objects.filter(status__in=["selected", "rejected"]).exists()


def test_wa_link_to_the_owner_with_the_programme_and_status(applicants, officer_prov):
    application = curation.application_decide(
        provenance=officer_prov, application=applicants[0], to="selected"
    )
    owner = application.enterprise.owner
    Owner.objects.filter(pk=owner.pk).update(phone="0812-3456-7890")
    url = wa_link(fresh(application))
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/6281234567890")
    text = parse_qs(parts.query)["text"][0]
    assert text.startswith(
        "Halo Bapak/Ibu Pemilik Kopi Ani, pendaftaran Kopi Ani pada program "
        "Fasilitasi Sertifikasi Halal 2026 berstatus: Terpilih."
    )
    assert text.endswith(f"/usaha/program/{application.public_key}/")
    assert " " not in parts.query  # fully encoded


def test_wa_link_falls_back_to_the_business_phone_or_none(applicants, officer_prov):
    application = applicants[1]
    assert wa_link(fresh(application)) is None  # the owner gave no phone
    enterprise = application.enterprise
    type(enterprise).objects.filter(pk=enterprise.pk).update(business_phone="(0721) 123456")
    url = wa_link(fresh(application))
    assert url.startswith("https://wa.me/62721123456?text=")
    text = parse_qs(urlsplit(url).query)["text"][0]
    assert "berstatus: Memenuhi syarat." in text
    waitlisted = curation.application_decide(
        provenance=officer_prov, application=applicants[2], to="waitlisted"
    )
    Owner.objects.filter(pk=waitlisted.enterprise.owner_id).update(phone="+6281299990000")
    text = parse_qs(urlsplit(wa_link(fresh(waitlisted))).query)["text"][0]
    assert "berstatus: Daftar tunggu nomor 1." in text
