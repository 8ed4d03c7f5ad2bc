from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "simpul.regions"
    label = "regions"
    verbose_name = "Wilayah"
