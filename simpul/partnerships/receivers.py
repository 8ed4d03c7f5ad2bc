from typing import Any

from django.dispatch import receiver

from simpul.registry.signals import enterprises_changed

from .services.matches import matches_sync


@receiver(enterprises_changed)
def _follow_enterprise_changes(sender: Any, enterprise_ids: Any, **kwargs: Any) -> None:
    matches_sync(enterprise_ids)
