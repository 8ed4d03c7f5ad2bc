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
        from django.db.models.signals import post_migrate

        from . import receivers

        # An installation upgraded to this version has enterprises but empty rollups.
        post_migrate.connect(receivers.fill_empty_rollups, sender=self)
