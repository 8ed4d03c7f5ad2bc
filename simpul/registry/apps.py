from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "simpul.registry"
    label = "registry"
