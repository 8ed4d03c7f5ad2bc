from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    INDUSTRY = "industry", _("Industri besar")
    BUMN = "bumn", _("BUMN")
    BUYER = "buyer", _("Pembeli (buyer)")
    EXPORTER = "exporter", _("Eksportir")
    OTHER = "other", _("Lainnya")


class NeedPeriod(models.TextChoices):
    MONTH = "month", _("per bulan")
    YEAR = "year", _("per tahun")
    ONCE = "once", _("sekali pesan")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    CLOSED = "closed", _("Ditutup")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Diusulkan")
    INTRODUCED = "introduced", _("Diperkenalkan")
    MEETING = "meeting", _("Pertemuan")
    SAMPLE = "sample", _("Kirim sampel")
    CONTRACT = "contract", _("Kontrak")
    DELIVERED = "delivered", _("Terkirim")
    DECLINED = "declined", _("Tidak berlanjut")


# The road of a match, one step at a time; any match not yet finished may be declined.
MATCH_FLOW = [
    MatchStatus.PROPOSED,
    MatchStatus.INTRODUCED,
    MatchStatus.MEETING,
    MatchStatus.SAMPLE,
    MatchStatus.CONTRACT,
    MatchStatus.DELIVERED,
]
MATCH_FINAL = {MatchStatus.DELIVERED, MatchStatus.DECLINED}
# Shown to the partner and the owner: a proposal is the Dinas's own shortlist until the
# officer introduces it.
MATCH_VISIBLE_OUTSIDE = [s for s in MatchStatus.values if s != MatchStatus.PROPOSED]
