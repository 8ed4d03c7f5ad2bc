from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "simpul.insights"
    label = "insights"
    verbose_name = _("Wawasan wilayah")

    def ready(self) -> None:
        # Keeps the rollup tables current on every save and delete of an enterprise, an
        # owner or a yearly figure (see rollups/__init__.py).
        from . import receivers  # noqa: F401
