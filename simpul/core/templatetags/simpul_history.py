from django import template

from simpul.core.history import action_label, describe

register = template.Library()


@register.filter
def change_lines(record):
    return describe(record)


@register.filter(name="action_label")
def action_label_filter(action: str) -> str:
    return action_label(action)
