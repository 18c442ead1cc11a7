"""{% principles_for_entry feature %}: the adopted charter principles an AI register entry follows.

For the governance pages: `{% load participation %}{% principles_for_entry feature %}` renders
participation/_principles_for_entry.html for the signed-in user's structure."""

from __future__ import annotations

from django import template

from egide.participation.selectors import principles_for_entry as _principles

register = template.Library()


@register.inclusion_tag("participation/_principles_for_entry.html", takes_context=True)
def principles_for_entry(context, feature):
    user = context.get("user")
    membership = getattr(user, "membership", None) if user is not None and user.is_authenticated else None
    version, principles = _principles(feature, membership.organisation_id if membership else None)
    return {"feature": feature, "version": version, "principles": principles}
