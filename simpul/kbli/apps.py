from django.apps import AppConfig


class KbliConfig(AppConfig):
    name = "simpul.kbli"
    label = "kbli"
