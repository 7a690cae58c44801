from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from core.admin import ServiceAdmin
from core.forms import VersionedFormMixin

from . import services
from .forms import SourceAdminForm
from .models import Contributor, Outlet, Source


def admin_link(obj, label=None):
    """A link to an object's change page in the admin."""
    if obj is None:
        return "—"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label if label is not None else obj)


class OutletAdminForm(VersionedFormMixin, admin.ModelAdmin.form):
    pass


@admin.register(Outlet)
class OutletAdmin(ServiceAdmin):
    form = OutletAdminForm
    list_display = ("name", "domain", "country", "language", "source_count")
    list_filter = ("country", "language")
    search_fields = ("name", "domain")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "domain", "country", "language", "timezone")}),
        ("History", {"classes": ("collapse",), "fields": ServiceAdmin.audit_fields}),
    )

    def service_save(self, request, obj, form, change):
        if change:
            loaded = form.cleaned_data.get("loaded_version")
            services.outlet_update(outlet=obj, user=request.user, loaded_version=loaded)
        else:
            services.outlet_create(outlet=obj, user=request.user)

    def service_delete(self, request, obj):
        services.outlet_delete(outlet=obj, user=request.user)

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
class SourceAdmin(ServiceAdmin):
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
        ("History", {"classes": ("collapse",), "fields": ServiceAdmin.audit_fields}),
    )

    def service_save(self, request, obj, form, change):
        if change:
            loaded = form.cleaned_data.get("loaded_version")
            services.source_update(source=obj, user=request.user, loaded_version=loaded)
        else:
            services.source_create(source=obj, user=request.user)

    def service_delete(self, request, obj):
        services.source_delete(source=obj, user=request.user)

    def service_save_inline(self, request, parent, model, changed):
        for contributor, delete in changed:
            if delete:
                services.contributor_delete(contributor=contributor, user=request.user)
            else:
                contributor.source = parent
                services.contributor_save(contributor=contributor, user=request.user)

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
