from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count
from django.forms.utils import pretty_name
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.admin import ServiceAdmin
from core.forms import VersionedFormMixin
from core.history import recording
from core.versioning import EditConflict
from sources import services as source_services
from sources.admin import admin_link
from sources.models import Source
from sources.selectors import source_lookup
from sources.validators import language_choices

from . import services, spreadsheets
from .dates import PartialDate
from .extraction import ArticleTooLong, extract_article
from .forms import (
    SOURCE_FIELDS,
    ArticleSourceForm,
    ArticleTextForm,
    CandidateQuoteFormSet,
    CitationInlineFormSet,
    QuoteAdminForm,
    SpeakerChoiceField,
    SpreadsheetImportForm,
    source_summary,
)
from .importing import (
    ArticleDraft,
    QuoteDraft,
    article_draft_from_extraction,
    article_import,
    existing_article,
    existing_article_for,
)
from .models import LOCATOR_HELP, Citation, Quote, Role, Speaker, SpeakerAlias, Tag
from .services import can_review, quotes_set_status, said_on_from_input


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1
    fields = ("title", "organisation", "start_date", "end_date")


class SpeakerAdminForm(VersionedFormMixin, admin.ModelAdmin.form):
    pass


@admin.register(Speaker)
class SpeakerAdmin(ServiceAdmin):
    form = SpeakerAdminForm
    inlines = [SpeakerAliasInline, RoleInline]
    list_display = ("name", "kind", "aliases_list", "wikidata_link", "quote_count")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "wikidata_id")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "wikidata_id", "description")}),
        ("History", {"classes": ("collapse",), "fields": ServiceAdmin.audit_fields}),
    )

    def service_save(self, request, obj, form, change):
        if change:
            loaded = form.cleaned_data.get("loaded_version")
            services.speaker_update(speaker=obj, user=request.user, loaded_version=loaded)
        else:
            services.speaker_create(speaker=obj, user=request.user)

    def service_delete(self, request, obj):
        services.speaker_delete(speaker=obj, user=request.user)

    def service_save_inline(self, request, parent, model, changed):
        for instance, deleted in changed:
            instance.speaker = parent
            if model is SpeakerAlias:
                (services.alias_delete if deleted else services.alias_save)(alias=instance, user=request.user)
            else:
                (services.role_delete if deleted else services.role_save)(role=instance, user=request.user)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(quote_count=Count("quotes"))
            .prefetch_related("aliases")
            .order_by(*self.model._meta.ordering)
        )

    @admin.display(description="aliases")
    def aliases_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all()) or "—"

    @admin.display(description="Wikidata", ordering="wikidata_id")
    def wikidata_link(self, obj):
        if not obj.wikidata_id:
            return "—"
        return format_html(
            '<a href="https://www.wikidata.org/wiki/{0}" rel="noopener" target="_blank">{0}</a>',
            obj.wikidata_id,
        )

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, obj):
        url = reverse("admin:quotes_quote_changelist") + f"?speaker__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.quote_count)


@admin.register(Role)
class RoleAdmin(ServiceAdmin):
    list_display = ("title", "organisation", "speaker", "start_date", "end_date")
    list_select_related = ("speaker",)
    search_fields = ("title", "organisation", "speaker__name", "speaker__aliases__name")
    autocomplete_fields = ("speaker",)

    def service_save(self, request, obj, form, change):
        services.role_save(role=obj, user=request.user)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "quote" and request.GET.get("field_name") == "role":
            # The quote form forwards the chosen speaker: offer only that speaker's roles.
            speaker = request.GET.get("speaker", "")
            queryset = queryset.filter(speaker_id=speaker) if speaker.isdigit() else queryset.none()
        return queryset, may_have_duplicates

    def service_delete(self, request, obj):
        services.role_delete(role=obj, user=request.user)


class TagAdminForm(VersionedFormMixin, admin.ModelAdmin.form):
    pass


@admin.register(Tag)
class TagAdmin(ServiceAdmin):
    form = TagAdminForm
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def service_save(self, request, obj, form, change):
        loaded = form.cleaned_data.get("loaded_version") if change else None
        services.tag_save(tag=obj, user=request.user, loaded_version=loaded)

    def service_delete(self, request, obj):
        services.tag_delete(tag=obj, user=request.user)


class CitationInline(admin.StackedInline):
    model = Citation
    formset = CitationInlineFormSet
    extra = 1
    min_num = 0
    autocomplete_fields = ("source",)
    fields = ("source", "locator", "excerpt")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source__outlet")


class OutletFilter(admin.SimpleListFilter):
    title = "outlet"
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        from sources.models import Outlet

        return [(outlet.slug, outlet.name) for outlet in Outlet.objects.order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(citations__source__outlet__slug=self.value()).distinct()
        return queryset


class ForwardingAutocomplete(AutocompleteSelect):
    """The admin's autocomplete, started by the quote form's own script (quotes/quote_form.js),
    which lets a new speaker be typed and forwards the chosen speaker to the role list."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["class"] = attrs["class"].replace("admin-autocomplete", f"quote-{self.field.name}-autocomplete")
        return attrs

    def optgroups(self, name, value, attr=None):
        typed = [v for v in value if v and not str(v).isdigit()]
        groups = super().optgroups(name, [v for v in value if str(v).isdigit()], attr)
        for index, new_name in enumerate(typed):
            option = self.create_option(name, new_name, f"{new_name} (new speaker)", True, index)
            groups[0][1].append(option)
        return groups


NOTE_REQUIRED_STATUSES = {Quote.Status.DISPUTED, Quote.Status.MISATTRIBUTED}


def _status_action(status):
    label = Quote.Status(status).label.lower()

    @admin.action(description=f"Mark selected quotes as {label}", permissions=["review"])
    def action(modeladmin, request, queryset):
        queryset = queryset.select_related("speaker").prefetch_related("citations__source")
        note = (request.POST.get("status_note") or "").strip()
        if request.POST.get("confirm") != "yes" or (status in NOTE_REQUIRED_STATUSES and not note):
            # A confirmation step listing what will change, with the note some verdicts need.
            return TemplateResponse(
                request,
                "admin/quotes/quote/confirm_verdict.html",
                {
                    **modeladmin.admin_site.each_context(request),
                    "opts": modeladmin.model._meta,
                    "title": f"Mark {queryset.count()} quote(s) as {label}?",
                    "status": status,
                    "label": label,
                    "action": f"mark_{status}",
                    "changing": [q for q in queryset if q.status != status],
                    "unchanged": [q for q in queryset if q.status == status],
                    "needs_note": status in NOTE_REQUIRED_STATUSES,
                    "note": note,
                    "note_missing": request.POST.get("confirm") == "yes" and not note,
                    "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                    "select_across": request.POST.get("select_across", "0"),
                },
            )
        changed, refused = quotes_set_status(
            quotes=queryset, status=status, user=request.user, note=note or None
        )
        if changed:
            modeladmin.message_user(request, f"{len(changed)} quote(s) marked as {label}.", messages.SUCCESS)
        for quote, reason in refused:
            modeladmin.message_user(request, f"Not changed: {quote}. {reason}", messages.ERROR)
        if not changed and not refused:
            modeladmin.message_user(request, f"The selected quotes were already {label}.", messages.INFO)
        return None

    action.__name__ = f"mark_{status}"
    return action


class ReviewQueueFilter(admin.SimpleListFilter):
    """Reviewers' queue: unverified quotes, machine-extracted first, oldest first (see get_ordering)."""

    title = "review queue"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("1", "To review")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(status=Quote.Status.UNVERIFIED)
        return queryset


@admin.register(Quote)
class QuoteAdmin(ServiceAdmin):
    form = QuoteAdminForm
    change_list_template = "admin/quotes/quote/change_list.html"
    inlines = [CitationInline]
    list_display = (
        "short_text",
        "speaker_link",
        "said",
        "source_column",
        "status",
        "machine_column",
    )
    list_filter = (
        ReviewQueueFilter,
        "status",
        "type",
        "language",
        OutletFilter,
        "machine_extracted",
        ("speaker", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("speaker",)
    search_fields = ("text", "speaker__name", "speaker__aliases__name", "context", "place")
    autocomplete_fields = ("speaker", "role", "tags")
    date_hierarchy = "said_on"
    list_per_page = 50
    actions = [_status_action(status) for status in Quote.Status.values]
    save_on_top = True
    readonly_fields = ("other_attributions", "reviewed_by", "reviewed_at")
    fieldsets = (
        (None, {"fields": ("text", "speaker", "role", "type", "language", "original_language")}),
        (
            "When and where",
            {"fields": (("said_on", "said_on_precision", "said_on_approximate"), "place", "context")},
        ),
        ("Topics", {"fields": ("tags",)}),
        ("Verdict", {"fields": ("status", "status_note", "reviewed_by", "reviewed_at")}),
        ("Same words, other speakers", {"fields": ("other_attributions",)}),
        (
            "History",
            {"classes": ("collapse",), "fields": ("machine_extracted", *ServiceAdmin.audit_fields)},
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(citation_count=Count("citations"))
            .prefetch_related("citations__source__outlet")
            .order_by(*self.model._meta.ordering)
        )

    class Media:
        css = {"all": ("quotes/admin.css",)}
        js = ("admin/js/jquery.init.js", "admin/js/autocomplete.js", "quotes/quote_form.js")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        source = (
            "Source",
            {
                "fields": SOURCE_FIELDS,
                "classes": ("source-section",),
                "description": "Type the article's URL: a recorded one is cited as it is, a new one is "
                "recorded with the details you give here, in the same save as the quote.",
            },
        )
        return [source, *fieldsets]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in {"speaker", "role"}:
            kwargs["widget"] = ForwardingAutocomplete(db_field, self.admin_site)
        if db_field.name == "speaker":
            kwargs["form_class"] = SpeakerChoiceField
            kwargs["help_text"] = (
                "Type to search names and aliases; a name not recorded yet adds a new speaker."
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in {"speaker", "role"} and hasattr(formfield.widget, "can_add_related"):
            formfield.widget.can_add_related = False  # typed inline instead: no pop-up window
        return formfield

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["error_links"] = _error_links(context["adminform"].form, context["inline_admin_formsets"])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        source = initial.get("cite_source")
        if source and str(source).isdigit():
            language = Source.objects.filter(pk=source).values_list("language", flat=True).first()
            if language:
                initial.setdefault("language", language)
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother_same_source" in request.POST and getattr(obj, "_cited_source", None):
            self.message_user(request, f"Added {obj}. Add another from the same source.", messages.SUCCESS)
            return redirect(reverse("admin:quotes_quote_add") + f"?cite_source={obj._cited_source.pk}")
        return super().response_add(request, obj, post_url_continue)

    def verdict_view(self, request, pk):
        """The verdict buttons on a quote's page (reviewers): one press, the note when one is needed."""
        if request.method != "POST" or not can_review(request.user):
            raise PermissionDenied
        quote = Quote.objects.filter(pk=pk).first()
        if quote is None:
            raise PermissionDenied
        status = request.POST.get("status", "")
        note = (request.POST.get("status_note") or "").strip()
        loaded = request.POST.get("loaded_version", "")
        try:
            services.quote_set_status(
                quote=quote,
                status=status,
                user=request.user,
                note=note,
                loaded_version=int(loaded) if loaded.isdigit() else None,
            )
        except (ValidationError, PermissionDenied, EditConflict) as error:
            if isinstance(error, ValidationError):
                text = " ".join(error.messages)
            else:
                text = getattr(error, "message", None) or str(error)
            self.message_user(request, f"Verdict not changed: {text}", messages.ERROR)
        else:
            self.message_user(request, f"Marked as {quote.get_status_display().lower()}.", messages.SUCCESS)
        return redirect(reverse("admin:quotes_quote_change", args=[pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_review": can_review(request.user),
            "verdict_choices": Quote.Status.choices,
            "note_required": sorted(NOTE_REQUIRED_STATUSES),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_review": can_review(request.user)}
        return super().changelist_view(request, extra_context)

    def source_lookup_view(self, request):
        """The recorded source for a URL, for the add page's source section."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        try:
            source = source_lookup(url=request.GET.get("url", ""))
        except ValidationError:
            source = None
        if source is None:
            return JsonResponse({"found": False})
        return JsonResponse(
            {
                "found": True,
                "id": source.pk,
                "summary": source_summary(source),
                "language": source.language,
            }
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class RequestBoundForm(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return RequestBoundForm

    def lookup_allowed(self, lookup, value, request=None):
        if lookup in {"citations__source__id__exact", "speaker__id__exact"}:
            return True
        return super().lookup_allowed(lookup, value, request)

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_article_view)
        deleted = self.admin_site.admin_view(self.deleted_view)
        lookup = self.admin_site.admin_view(self.source_lookup_view)
        verdict = self.admin_site.admin_view(self.verdict_view)
        spreadsheet = self.admin_site.admin_view(self.spreadsheet_import_view)
        return [
            path("import/", spreadsheet, name="quotes_quote_import"),
            path("<int:pk>/verdict/", verdict, name="quotes_quote_verdict"),
            path("source-lookup/", lookup, name="quotes_quote_source_lookup"),
            path("import-article/", view, name="quotes_quote_import_article"),
            path("deleted/", deleted, name="quotes_quote_deleted"),
            *super().get_urls(),
        ]

    def deleted_view(self, request):
        """Deleted quotes, from their history, with a restore button for reviewers."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_restore = can_review(request.user)
        if request.method == "POST" and request.POST.get("restore", "").isdigit():
            if not can_restore:
                raise PermissionDenied
            try:
                quote = services.quote_restore(quote_id=int(request.POST["restore"]), user=request.user)
            except ValidationError as error:
                self.message_user(request, f"Not restored: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"Restored quote #{quote.pk}.", messages.SUCCESS)
                return redirect(reverse("admin:quotes_quote_change", args=[quote.pk]))
        deleted = (
            Quote.history.filter(history_type="-")
            .exclude(id__in=Quote.objects.values("pk"))
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Deleted quotes",
            "deleted": deleted,
            "can_restore": can_restore,
        }
        return TemplateResponse(request, "admin/quotes/quote/deleted.html", context)

    SPREADSHEET_SESSION_KEY = "quote_spreadsheet_import"

    def spreadsheet_import_view(self, request):
        """Upload a spreadsheet, preview what each row would do, confirm: every step is the import service."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import spreadsheet",
            "max_rows": settings.QUOTE_IMPORT_MAX_ROWS,
            "max_size": spreadsheets.size_label(settings.QUOTE_IMPORT_MAX_BYTES),
        }
        template = "admin/quotes/quote/import_spreadsheet.html"
        if request.method == "POST" and "_confirm" in request.POST:
            return self._spreadsheet_confirm(request, context, template)
        form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            all_or_nothing = form.cleaned_data["all_or_nothing"]
            try:
                report = self._spreadsheet_run(
                    request, data, upload.file_format, all_or_nothing, dry_run=True
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                token = spreadsheets.stash(data)
                request.session[self.SPREADSHEET_SESSION_KEY] = {
                    "token": token,
                    "format": upload.file_format,
                    "name": upload.name,
                    "all_or_nothing": all_or_nothing,
                }
                context.update(report=report, token=token, file_name=upload.name)
                return TemplateResponse(request, template, context)
        return TemplateResponse(request, template, {**context, "form": form})

    def _spreadsheet_run(self, request, data, file_format, all_or_nothing, *, dry_run):
        rows, numbers = spreadsheets.read_rows(data, file_format=file_format)
        with recording(via="spreadsheet import", user=request.user):
            return services.quotes_import_rows(
                rows=rows,
                row_numbers=numbers,
                user=request.user,
                all_or_nothing=all_or_nothing,
                dry_run=dry_run,
            )

    def _spreadsheet_confirm(self, request, context, template):
        pending = request.session.get(self.SPREADSHEET_SESSION_KEY) or {}
        token = request.POST.get("token", "")
        data = spreadsheets.unstash(token) if pending.get("token") == token else None
        if data is None:
            self.message_user(
                request, "This preview is no longer available; upload the file again.", messages.ERROR
            )
            return redirect(reverse("admin:quotes_quote_import"))
        try:
            report = self._spreadsheet_run(
                request, data, pending["format"], pending["all_or_nothing"], dry_run=False
            )
        except ValidationError as error:
            self.message_user(request, f"Nothing was imported: {' '.join(error.messages)}", messages.ERROR)
            return redirect(reverse("admin:quotes_quote_import"))
        spreadsheets.discard(token)
        request.session.pop(self.SPREADSHEET_SESSION_KEY, None)
        context.update(report=report, file_name=pending.get("name", ""))
        return TemplateResponse(request, template, context)

    def import_article_view(self, request):
        """Paste an article, review the quotes the extractor proposes, save the ones kept."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import article",
        }
        if request.method == "POST" and "_save" in request.POST:
            source_form = ArticleSourceForm(request.POST)
            formset = self._candidate_formset(data=request.POST)
            if source_form.is_valid() and formset.is_valid():
                outcome = article_import(draft=_draft_from_forms(source_form, formset), user=request.user)
                self._report_import(request, outcome)
                changelist = reverse("admin:quotes_quote_changelist")
                return redirect(f"{changelist}?citations__source__id__exact={outcome.source.pk}")
            text = request.POST.get("text", "")
            existing = existing_article(url=request.POST.get("url", ""), text=text)
            return self._review_page(request, context, source_form, formset, text=text, existing=existing)
        text_form = ArticleTextForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and text_form.is_valid():
            data = text_form.cleaned_data
            try:
                result = extract_article(data["text"], language=data["language"] or None, url=data["url"])
            except ArticleTooLong as error:
                text_form.add_error("text", str(error))
                return TemplateResponse(
                    request, "admin/quotes/quote/import_article.html", {**context, "text_form": text_form}
                )
            draft = article_draft_from_extraction(result, url=data["url"], outlet=data["outlet"])
            source_form = ArticleSourceForm(initial=_source_initial(draft))
            formset = self._candidate_formset(initial=[_quote_initial(q) for q in draft.quotes])
            marks = [(q.start, q.end) for q in result.quotes]
            existing = existing_article_for(draft)
            return self._review_page(
                request, context, source_form, formset, text=draft.text, marks=marks, existing=existing
            )
        return TemplateResponse(
            request, "admin/quotes/quote/import_article.html", {**context, "text_form": text_form}
        )

    def _candidate_formset(self, *, data=None, initial=None):
        picker = ForwardingAutocomplete(Quote._meta.get_field("speaker"), self.admin_site)
        return CandidateQuoteFormSet(
            data, initial=initial, prefix="quotes", form_kwargs={"speaker_widget": picker}
        )

    def _review_page(self, request, context, source_form, formset, *, text, existing, marks=()):
        return TemplateResponse(
            request,
            "admin/quotes/quote/import_article_review.html",
            {
                **context,
                "source_form": source_form,
                "formset": formset,
                "article_html": _highlight(text, marks),
                "language_options": language_choices(),
                "locator_help": LOCATOR_HELP,
                "existing_source": existing,
            },
        )

    def _report_import(self, request, outcome):
        source = outcome.source
        verb = "Created" if outcome.source_created else "Reused the recorded"
        self.message_user(
            request,
            f"{verb} source “{source.title}”: {len(outcome.created)} new quote(s), "
            f"{len(outcome.existing)} already recorded, {len(outcome.new_speakers)} new speaker(s). "
            "New quotes are unverified and marked machine-extracted until an editor changes them.",
            messages.SUCCESS,
        )
        for draft, reason in outcome.rejected:
            self.message_user(
                request, f"Not saved: “{Truncator(draft.text).chars(60)}”. {reason}", messages.ERROR
            )

    def has_review_permission(self, request):
        return can_review(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not can_review(request.user):
            # Editors see the verdict but cannot set it.
            fields = (*fields, "status", "status_note")
        return fields

    def revert_disabled(self, request, obj=None):
        return not can_review(request.user)

    def service_save(self, request, obj, form, change):
        tags = [tag.name for tag in form.cleaned_data.get("tags", [])]
        if change and Quote.objects.filter(pk=obj.pk).exists():
            loaded = form.cleaned_data.get("loaded_version")
            services.quote_update(quote=obj, user=request.user, loaded_version=loaded, tags=tags)
        elif change:
            # A reviewer reverting a deleted quote from its history page brings it back.
            restored = services.quote_restore(quote_id=obj.pk, user=request.user)
            services.quote_update(quote=obj, user=request.user, loaded_version=restored.version, tags=tags)
        else:
            fields = {"said_on": obj.said, "said_on_precision": obj.said_on_precision}
            if form.new_speaker is not None:
                obj.speaker = services.speaker_create(speaker=form.new_speaker, user=request.user)
            citations = []
            source = form.source_to_cite or form.new_source
            if form.new_source is not None:
                if form.new_outlet is not None:
                    form.new_source.outlet = source_services.outlet_create(
                        outlet=form.new_outlet, user=request.user
                    )
                source = source_services.source_create(
                    source=form.new_source, user=request.user, contributors=form.byline
                )
            if source is not None:
                locator = form.cleaned_data.get("source_locator", "")
                citations = [{"source": source, "locator": locator}]
                obj._cited_source = source
            services.quote_create(quote=obj, user=request.user, tags=tags, citations=citations, **fields)

    def service_delete(self, request, obj):
        services.quote_delete(quote=obj, user=request.user)

    def service_save_inline(self, request, parent, model, changed):
        changes = [
            services.CitationChange(citation=instance, delete=deleted) for instance, deleted in changed
        ]
        if changes:
            services.quote_citations_save(quote=parent, user=request.user, changes=changes)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if request.method == "GET" and isinstance(inline, CitationInline) and request.GET.get("add_source"):
            # Arrived from a refused duplicate: the citation the editor had typed, ready to save here.
            kwargs["initial"] = [
                {
                    "source": request.GET.get("add_source"),
                    "locator": request.GET.get("locator", ""),
                    "excerpt": request.GET.get("excerpt", ""),
                }
            ]
        return kwargs

    @admin.display(description="text", ordering="text")
    def short_text(self, obj):
        short = Truncator(obj.text).chars(90)
        if short == obj.text:
            return obj.text
        # The whole text on hover (title) and, for keyboards and touch, behind a disclosure.
        return format_html(
            '<details class="quote-text"><summary title="{}">{}</summary>{}</details>',
            obj.text,
            short,
            obj.text,
        )

    @admin.display(description="source")
    def source_column(self, obj):
        citations = list(obj.citations.all())
        if not citations:
            return "—"
        source = citations[0].source
        label = Truncator(f"{source.title}{f' ({source.outlet})' if source.outlet_id else ''}").chars(60)
        more = f" +{len(citations) - 1}" if len(citations) > 1 else ""
        return format_html('<span title="{}">{}</span>{}', source, label, more)

    @admin.display(description="machine", boolean=True, ordering="machine_extracted")
    def machine_column(self, obj):
        return obj.machine_extracted

    def get_ordering(self, request):
        if request.GET.get("review") == "1":
            return ["-machine_extracted", "created_at", "pk"]
        return super().get_ordering(request)

    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_link(self, obj):
        return admin_link(obj.speaker)

    @admin.display(description="said on", ordering="said_on")
    def said(self, obj):
        if obj.said is None:
            return "—"
        return f"{obj.said}{' (approx.)' if obj.said_on_approximate else ''}"

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count

    @admin.display(description="other attributions of these words")
    def other_attributions(self, obj):
        if obj is None or not obj.pk:
            return "—"
        others = Quote.objects.attributions_of(obj).select_related("speaker")
        if not others:
            return "None recorded."
        return format_html_join(
            "",
            "<div>{} — {} ({})</div>",
            ((admin_link(q, f"#{q.pk}"), q.speaker, q.get_status_display()) for q in others),
        )


def _error_links(form, inline_admin_formsets) -> list[tuple[str, str, str]]:
    """Every error of a save as (field id, label, message), for the banner's links to the fields."""
    links = []

    def add(bound_form, name, errors, fallback_target):
        field = bound_form.fields.get(name) if name != NON_FIELD_ERRORS else None
        if field is not None and field.widget.is_hidden:
            field = None
        target = bound_form[name].auto_id if field is not None else fallback_target
        label = str(field.label or pretty_name(name)) if field is not None else ""
        for message in errors:
            links.append((target, label, strip_tags(str(message))))

    for name, errors in form.errors.items():
        add(form, name, errors, f"{form._meta.model._meta.model_name}_form")
    for inline in inline_admin_formsets:
        formset = inline.formset
        group = f"{formset.prefix}-group"
        for number, inline_form in enumerate(formset.forms, start=1):
            for name, errors in inline_form.errors.items():
                add(inline_form, name, errors, group)
                if links and links[-1][1]:
                    links[-1] = (
                        links[-1][0],
                        f"{inline.opts.verbose_name.capitalize()} {number}, {links[-1][1]}",
                        links[-1][2],
                    )
        for message in formset.non_form_errors():
            links.append((group, str(inline.opts.verbose_name_plural.capitalize()), strip_tags(str(message))))
    return links


def _source_initial(draft: ArticleDraft) -> dict:
    published = draft.published_at.astimezone(ZoneInfo(draft.timezone)) if draft.published_at else None
    return {
        "text": draft.text,
        "title": draft.title,
        "url": draft.url,
        "outlet": draft.outlet,
        "outlet_name": "" if draft.outlet else draft.outlet_name,
        "outlet_domain": "" if draft.outlet else draft.outlet_domain,
        "published_at": published.replace(tzinfo=None) if published else None,
        "timezone": draft.timezone,
        "language": draft.language,
        "dateline": draft.dateline,
        "authors": ", ".join(draft.authors),
        "editors": ", ".join(draft.editors),
    }


def _quote_initial(draft: QuoteDraft) -> dict:
    said = PartialDate(draft.said_on, draft.said_on_precision) if draft.said_on else None
    if draft.speaker is not None:
        speaker = draft.speaker.pk
    else:
        speaker = "" if draft.speaker_candidates else draft.speaker_name
    return {
        "include": draft.include,
        "text": draft.text,
        "speaker": speaker,
        "mention": draft.speaker_name,
        "candidates": ",".join(str(candidate.pk) for candidate in draft.speaker_candidates),
        "confidence": round(draft.confidence, 2),
        "speaker_role": draft.speaker_role,
        "type": draft.type,
        "said_on": str(said) if said else "",
        "said_on_approximate": draft.said_on_approximate,
        "place": draft.place,
        "context": draft.context,
        "language": draft.language,
        "original_language": draft.original_language,
        "locator": draft.citation_locator,
        "excerpt": draft.excerpt,
    }


def _split_names(value: str) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def _draft_from_forms(source_form, formset) -> ArticleDraft:
    data = source_form.cleaned_data
    quotes = []
    for form in formset.forms:
        quote = form.cleaned_data
        if not quote.get("include"):
            continue
        said = quote.get("said_on")
        said_on, precision = said_on_from_input(said=said, precision=quote.get("said_on_precision", ""))
        quotes.append(
            QuoteDraft(
                text=quote["text"],
                speaker_name=quote["speaker_name"],
                speaker=quote["speaker"],
                speaker_role=quote.get("speaker_role", ""),
                type=quote["type"],
                said_on=said_on,
                said_on_precision=precision,
                said_on_approximate=quote.get("said_on_approximate", False),
                place=quote.get("place", ""),
                context=quote.get("context", ""),
                language=quote.get("language", ""),
                original_language=quote.get("original_language", ""),
                locator=quote.get("locator", ""),
                excerpt=quote.get("excerpt", ""),
                include=quote.get("include", False),
                confidence=quote.get("confidence") or 0.0,
            )
        )
    return ArticleDraft(
        text=data["text"],
        title=data["title"],
        url=data["url"],
        outlet=data["outlet"],
        outlet_name=data["outlet_name"],
        outlet_domain=data["outlet_domain"],
        published_at=data["published_at"],
        timezone=data["timezone"],
        language=data["language"],
        dateline=data["dateline"],
        authors=_split_names(data["authors"]),
        editors=_split_names(data["editors"]),
        quotes=quotes,
    )


def _highlight(text: str, marks) -> str:
    """The article as HTML with the proposed quotes marked, numbered as in the list beside it."""
    parts, position = [], 0
    for number, (start, end) in enumerate(sorted(marks), start=1):
        if start < position or end > len(text):
            continue
        parts.append(escape(text[position:start]))
        parts.append(f'<mark title="Quote {number}"><sup>{number}</sup>{escape(text[start:end])}</mark>')
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))
