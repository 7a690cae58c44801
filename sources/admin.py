from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from .forms import ConcurrentEditFormMixin, SourceAdminForm
from .models import Contributor, Outlet, Source


class AuditedAdminMixin:
    """Records who created and last changed a row, and shows it read-only."""

    audit_fields = ("created_at", "created_by", "updated_at", "updated_by")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.audit_fields)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


def admin_link(obj, label=None):
    """A link to an object's change page in the admin."""
    if obj is None:
        return "—"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label if label is not None else obj)


class OutletAdminForm(ConcurrentEditFormMixin, admin.ModelAdmin.form):
    pass


@admin.register(Outlet)
class OutletAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = OutletAdminForm
    list_display = ("name", "domain", "country", "language", "source_count")
    list_filter = ("country", "language")
    search_fields = ("name", "domain")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "domain", "country", "language")}),
        ("History", {"classes": ("collapse",), "fields": AuditedAdminMixin.audit_fields}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(source_count=Count("sources"))
            .order_by(*self.model._meta.ordering)
        )

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count


class ContributorInline(admin.TabularInline):
    model = Contributor
    extra = 1
    fields = ("name", "role", "position")


@admin.register(Source)
class SourceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = SourceAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ContributorInline]
    list_display = ("title", "outlet_link", "kind", "published_local", "language", "citation_count")
    list_filter = ("kind", "language", "outlet")
    list_select_related = ("outlet",)
    search_fields = ("title", "url", "contributors__name", "outlet__name")
    autocomplete_fields = ("outlet",)
    date_hierarchy = "published_at"
    fieldsets = (
        (None, {"fields": ("kind", "title", "outlet", "url", "archive_url")}),
        ("Publication", {"fields": ("published_at", "timezone", "language", "dateline")}),
        ("History", {"classes": ("collapse",), "fields": AuditedAdminMixin.audit_fields}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(citation_count=Count("citations"))
            .order_by(*self.model._meta.ordering)
        )

    @admin.display(description="outlet", ordering="outlet__name")
    def outlet_link(self, obj):
        return admin_link(obj.outlet)

    @admin.display(description="published (local time)", ordering="published_at")
    def published_local(self, obj):
        local = obj.published_local
        return local.strftime("%Y-%m-%d %H:%M %z") if local else "—"

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj):
        url = reverse("admin:quotes_quote_changelist") + f"?citations__source__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.citation_count)
