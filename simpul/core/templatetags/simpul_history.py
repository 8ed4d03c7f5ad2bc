from django import template

from simpul.core.history import action_label, describe

register = template.Library()


@register.filter
def change_lines(record):
    return describe(record)


@register.filter(name="action_label")
def action_label_filter(record) -> str:
    """The sentence for a record's action (given the record, since the same action
    word reads differently on an application than on an enterprise)."""
    return action_label(record.action, record.entity)
