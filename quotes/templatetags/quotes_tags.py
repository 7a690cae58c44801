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
    """The current query string with some parameters changed (``None`` removes one; so does page 1)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, "") and not (key == "page" and str(value) == "1"):
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("quotes/_timeline.html")
def timeline_chart(timeline, name=""):
    """Quotes per month as a bar chart drawn on the server (an SVG, no script), with a table of the same."""
    months, year_only, undated = timeline
    context = {"year_only": year_only, "undated": undated, "name": name, "bars": []}
    if not months:
        return context
    first, last = min(months), max(months)
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    width, height, left, right, top, bottom = 320, 130, 26, 6, 10, 24
    plot_width, plot_height = width - left - right, height - top - bottom
    slot = plot_width / span
    peak = max(months.values())
    bars, ticks = [], []
    years = last.year - first.year + 1
    every = max(1, -(-years // 6))  # at most about six year labels
    for index in range(span):
        year, month = divmod(first.month - 1 + index, 12)
        day = first.replace(year=first.year + year, month=month + 1, day=1)
        count = months.get(day, 0)
        x = left + index * slot
        if count:
            bar_height = plot_height * count / peak
            bars.append(
                {
                    "x": round(x + slot * 0.1, 2),
                    "y": round(top + plot_height - bar_height, 2),
                    "width": round(max(slot * 0.8, 0.8), 2),
                    "height": round(bar_height, 2),
                    "label": f"{format_date(day, 'F Y')}: {count} quote{'s' if count != 1 else ''}",
                    "month": format_date(day, "F Y"),
                    "count": count,
                }
            )
        if (month == 0 or index == 0) and (day.year - first.year) % every == 0:
            ticks.append({"x": round(x, 2), "label": day.year})
    busiest = max(months, key=lambda day: (months[day], day))
    context.update(
        width=width,
        height=height,
        left=left,
        plot_right=width - right,
        baseline=top + plot_height,
        top=top,
        peak=peak,
        bars=bars,
        ticks=ticks,
        tick_y=height - 6,
        total=sum(months.values()),
        first=format_date(first, "F Y"),
        last=format_date(last, "F Y"),
        busiest=format_date(busiest, "F Y"),
        busiest_count=months[busiest],
    )
    return context
