"""Helpers for the delivery, outcome and report tests: applications taken to a status
through the real status machine (never by writing the status field)."""

from __future__ import annotations

from simpul.programmes.models import Application
from simpul.programmes.services.delivery import participant_complete
from simpul.programmes.services.transitions import application_transition

# The path through the machine to each status, from ELIGIBLE.
PATHS = {
    "eligible": [],
    "selected": ["selected"],
    "waitlisted": ["waitlisted"],
    "rejected": ["rejected"],
    "participating": ["selected", "participating"],
    "completed": ["selected", "participating", "completed"],
    "dropped": ["selected", "dropped"],
}


def applied(programme, enterprise, status, prov) -> Application:
    """An application of `enterprise` moved to `status` ("applied" and "ineligible" are
    written at creation, as the eligibility check would)."""
    first = status if status in ("applied", "ineligible") else "eligible"
    application = Application.objects.create(
        programme=programme, enterprise=enterprise, status=first
    )
    for step in PATHS.get(status, []):
        if step == "completed":  # through the service, which schedules the follow-ups
            application = participant_complete(provenance=prov, application=application)
        else:
            application = application_transition(application=application, to=step, provenance=prov)
    return Application.objects.get(pk=application.pk)
