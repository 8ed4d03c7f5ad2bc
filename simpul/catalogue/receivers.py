from typing import Any

from django.dispatch import receiver

from simpul.registry.signals import enterprises_changed

from .services.sync import products_sync


@receiver(enterprises_changed)
def _follow_enterprise_changes(sender: Any, enterprise_ids: Any, **kwargs: Any) -> None:
    products_sync(enterprise_ids)
