from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "simpul.catalogue"
    verbose_name = _("Katalog produk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Products copy region, sentra and visibility from their enterprise; the registry
        # announces its changes and the catalogue follows (registry never imports us).
        from . import receivers  # noqa: F401
