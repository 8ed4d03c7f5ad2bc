from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "simpul.partnerships"
    verbose_name = _("Kemitraan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Matches copy their enterprise's region for scoping; the registry announces
        # changes and we follow (the registry never imports us).
        from . import receivers  # noqa: F401
