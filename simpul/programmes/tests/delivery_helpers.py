"""Helpers for the delivery, outcome and report tests: applications taken to a status
through the real status machine (never by writing the status field)."""

from __future__ import annotations

from simpul.programmes.models import Application
from simpul.programmes.services.delivery import participant_complete
from simpul.programmes.services.transitions import application_transition

# The path through the machine to each status, from APPLIED.
PATHS = {
    "applied": [],
    "ineligible": ["ineligible"],
    "eligible": ["eligible"],
    "selected": ["eligible", "selected"],
    "waitlisted": ["eligible", "waitlisted"],
    "rejected": ["eligible", "rejected"],
    "participating": ["eligible", "selected", "participating"],
    "completed": ["eligible", "selected", "participating", "completed"],
    "dropped": ["eligible", "selected", "dropped"],
}


def applied(programme, enterprise, status, prov) -> Application:
    """An application of `enterprise`, created APPLIED and moved to `status` step by
    step (the eligibility check's move included), so its audit trail is complete."""
    application = Application.objects.create(programme=programme, enterprise=enterprise)
    for step in PATHS[status]:
        if step == "completed":  # through the service, which schedules the follow-ups
            application = participant_complete(provenance=prov, application=application)
        else:
            application = application_transition(application=application, to=step, provenance=prov)
    return Application.objects.get(pk=application.pk)
