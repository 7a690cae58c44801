"""Query-string filters for sources and outlets, shared by the API and the reader pages.

Invalid values are form errors, so the API answers them with a 400 naming the parameter.
"""

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.normalization import domain_of
from core.validators import validate_reference, validate_url_reference

from .models import Outlet, Source
from .validators import LANGUAGE_TAG_RE, normalize_language_tag


class LanguageField(forms.CharField):
    """A BCP 47 language tag ("id", "en", "zh-Hans"), canonically cased."""

    def to_python(self, value):
        value = normalize_language_tag(super().to_python(value))
        if value and not LANGUAGE_TAG_RE.match(value):
            raise forms.ValidationError(
                "“%(value)s” is not a language code; use e.g. “id”, “en” or “zh-Hans”.",
                code="invalid_language",
                params={"value": value},
            )
        return value


@extend_schema_field(OpenApiTypes.STR)
class LanguageFilter(django_filters.CharFilter):
    field_class = LanguageField


def outlet_matching(value: str):
    """Outlets whose slug or domain is ``value`` (a URL or "www." prefix is tolerated)."""
    value = (value or "").strip()
    domain = domain_of(value if "://" in value else f"//{value}")
    return Outlet.objects.filter(Q(slug=value.lower()) | Q(domain=domain))


class OutletField(forms.CharField):
    """An outlet named by slug ("republika") or domain ("republika.co.id"); cleans to the Outlet."""

    def to_python(self, value):
        value = validate_reference(super().to_python(value))
        if not value:
            return None
        outlet = outlet_matching(value).first()
        if outlet is None:
            raise forms.ValidationError(
                "No outlet has the slug or domain “%(value)s”; see /api/v1/outlets/.",
                code="unknown_outlet",
                params={"value": value},
            )
        return outlet


@extend_schema_field(OpenApiTypes.STR)
class OutletFilter(django_filters.Filter):
    field_class = OutletField


class URLField(forms.CharField):
    """A URL, cleaned to its canonical form (see ``normalize_url``); one that cannot be read is an error."""

    def to_python(self, value):
        return validate_url_reference(super().to_python(value))


@extend_schema_field(OpenApiTypes.STR)
class URLFilter(django_filters.CharFilter):
    field_class = URLField


class SourceFilterSet(django_filters.FilterSet):
    outlet = OutletFilter(field_name="outlet", help_text="Outlet slug or domain, e.g. `republika.co.id`.")
    url = URLFilter(
        method="filter_url",
        help_text="The source's URL; compared in canonical form (no tracking parameters).",
    )
    language = LanguageFilter(help_text="Language of the source (BCP 47), e.g. `id`.")
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices, help_text="Kind of source.")
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", help_text="Words in the title."
    )

    class Meta:
        model = Source
        fields = ["outlet", "url", "language", "kind", "q"]

    def filter_url(self, queryset, name, value):
        return queryset.filter(url=value)


class OutletFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", help_text="Words in the name or domain.")
    country = django_filters.CharFilter(
        method="filter_country", help_text="ISO 3166-1 country code, e.g. `ID`."
    )

    class Meta:
        model = Outlet
        fields = ["q", "country"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(domain__icontains=value))

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.strip().upper())
