from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureStatus(models.TextChoices):
    """A yearly report is counted from the moment it is submitted; an officer accepts it,
    or asks about it when a figure looks wrong (the owner then corrects or confirms)."""

    SUBMITTED = "submitted", _("Dikirim")
    QUESTIONED = "questioned", _("Dipertanyakan")
    ACCEPTED = "accepted", _("Diterima")
