"""`{% yearly_history enterprise as chart %}`: the enterprise's history chart, read
through the viewer's own scope, for templates/reporting/_history.html (which the
registry's enterprise page includes without knowing about yearly figures)."""

from __future__ import annotations

from django import template

from simpul.core.scope import RegionScope
from simpul.reporting import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def yearly_history(context, enterprise):
    request = context.get("request")
    user = getattr(request, "user", None)
    return selectors.enterprise_history_chart(
        scope=RegionScope.for_user(user), enterprise=enterprise
    )
