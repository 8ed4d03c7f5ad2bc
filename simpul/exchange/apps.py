from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "simpul.exchange"
    verbose_name = _("Impor dan ekspor")
    default_auto_field = "django.db.models.BigAutoField"
