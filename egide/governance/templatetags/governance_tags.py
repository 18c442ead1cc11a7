from __future__ import annotations

from django import template

from egide.governance.disclosure import ai_disclosure as _ai_disclosure

register = template.Library()


@register.simple_tag
def ai_disclosure(feature, validated_by=None):
    """{% ai_disclosure "draft_builtin" note.author %}: the AI Act Art. 50 mention (escaped by Django)."""
    return _ai_disclosure(feature, validated_by)


@register.filter
def percent(value):
    """0.4 -> "40,0 %"; None -> "—"."""
    if value is None:
        return "—"
    return f"{100 * float(value):.1f} %".replace(".", ",")


@register.filter
def decimal_fr(value, digits=2):
    if value is None:
        return "—"
    return f"{float(value):.{int(digits)}f}".replace(".", ",")


@register.filter
def duration_fr(seconds):
    if seconds is None:
        return "—"
    seconds = round(float(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def described(field):
    """Render a bound field's widget linked to its help text and errors (aria-describedby)."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_aide")
    if field.errors:
        ids.append(f"{field.auto_id}_erreur")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def percent_or_number(value, metric):
    """Rates as percentages; edit distances as decimals."""
    if value is None:
        return "—"
    return decimal_fr(value, 2) if metric == "mean_edit_distance" else percent(value)


@register.filter
def signed_fr(value, metric):
    if value is None:
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    if metric == "mean_edit_distance":
        return sign + decimal_fr(abs(value), 2)
    return f"{sign}{100 * abs(float(value)):.1f} points".replace(".", ",")
