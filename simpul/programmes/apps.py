from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """Facilitation programmes: calls, eligibility, curation, delivery, outcomes and the
    offices' yearly targets."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "simpul.programmes"
    verbose_name = _("Program fasilitasi")
