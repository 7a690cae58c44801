from django import template
from django.conf.locale import LANG_INFO
from django.utils.dateformat import format as format_date
from django.utils.translation import get_language_info

from quotes.dates import Precision

register = template.Library()

# Django knows Chinese only by script (zh-hans, zh-hant); sources often say just "zh".
_LANGUAGE_NAMES = {"zh": "Chinese"}


@register.filter
def said_date(quote):
    """The date a quote was said, no more precise than the source: "19 September 2023", "September 2023", "2023"."""
    if quote.said_on is None:
        return "date unknown"
    pattern = {Precision.DAY: "j F Y", Precision.MONTH: "F Y", Precision.YEAR: "Y"}[quote.said_on_precision]
    text = format_date(quote.said_on, pattern)
    return f"c. {text}" if quote.said_on_approximate else text


@register.filter
def language_name(code):
    """ "id" -> "Indonesian"; unknown codes are shown as they are."""
    for candidate in (code, (code or "").lower(), (code or "").split("-")[0]):
        if candidate in _LANGUAGE_NAMES:
            return _LANGUAGE_NAMES[candidate]
        if "name" in LANG_INFO.get(candidate, {}):
            return get_language_info(candidate)["name"]
    return code


@register.filter
def published(source):
    """Publication time in the source's own zone: "20 September 2023, 14:35 (UTC+07:00)"."""
    local = source.published_local
    if local is None:
        return ""
    offset = local.strftime("%z")
    return f"{format_date(local, 'j F Y, H:i')} (UTC{offset[:3]}:{offset[3:]})"


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (``None`` removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
