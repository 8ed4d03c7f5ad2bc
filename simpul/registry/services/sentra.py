from __future__ import annotations

from django.db import transaction

from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.kbli.models import Kbli
from simpul.regions.models import Region
from simpul.registry.models import Sentra

from .permissions import STAFF_WRITERS, require, require_village_in_scope

SENTRA_AUDITED = ["name", "commodity", "kbli", "managing_body", "village"]


@transaction.atomic
def sentra_create(
    *,
    provenance: Provenance,
    name: str,
    commodity: str,
    village: Region,
    kbli: Kbli | None = None,
    managing_body: str = "",
    description: str = "",
) -> Sentra:
    """A sentra is registered by the Dinas of its area (PP 29/2018: at least five units
    making similar products; membership is set on the enterprises)."""
    actor = provenance.actor
    require(getattr(actor, "role", "") in STAFF_WRITERS)
    require_village_in_scope(actor, village)
    sentra = Sentra(
        name=name.strip(),
        commodity=commodity.strip(),
        kbli=kbli,
        managing_body=managing_body,
        description=description,
    )
    sentra.set_village(village)
    sentra.save()
    record_change(
        instance=sentra,
        action="created",
        provenance=provenance,
        changes=diff({}, snapshot(sentra, SENTRA_AUDITED)),
    )
    return sentra
