"""What the registry announces to the apps built on it. Sent after the change is saved,
inside the same transaction, so a listener's writes commit or roll back with it."""

from django.dispatch import Signal

# kwargs: enterprise_ids (an iterable of Enterprise primary keys whose name, region,
# sentra, KBLI, contact or status may have changed).
enterprises_changed = Signal()
