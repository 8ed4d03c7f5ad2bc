from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "simpul.catalogue"
    verbose_name = _("Katalog produk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Products copy region, sentra and visibility from their enterprise; the registry
        # announces its changes and the catalogue follows. The registry's models and
        # services never import the catalogue; only its public pages (profile, home) and
        # the demo seed command read from it.
        from . import receivers  # noqa: F401
