import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quotes.extraction import ArticleTooLong, extract_article
from quotes.importing import article_draft_from_extraction, article_import, existing_article_for
from quotes.spreadsheets import size_label
from sources.models import Outlet


class Command(BaseCommand):
    help = (
        "Extract candidate quotes, speakers, dates and source metadata from a news article (plain "
        "text or HTML) and save them as unverified, machine-extracted quotes for editors to review. "
        "Importing the same article twice (same URL or same text) creates nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to read, or - for standard input.")
        parser.add_argument("--url", default="", help="The article's URL.")
        parser.add_argument("--outlet", default="", help="Slug of the outlet that published it.")
        parser.add_argument(
            "--language", choices=["id", "en"], help="Language of the article (detected if omitted)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be created as JSON; write nothing."
        )

    def handle(self, *args, path, url, outlet, language, dry_run, **options):
        text = self.read(path)
        outlet_obj = None
        if outlet:
            outlet_obj = Outlet.objects.filter(slug=outlet).first()
            if outlet_obj is None:
                known = ", ".join(Outlet.objects.values_list("slug", flat=True)[:20]) or "none yet"
                raise CommandError(f"No outlet with slug “{outlet}” (known: {known}).")
        try:
            result = extract_article(text, language=language, url=url)
        except ArticleTooLong as error:
            raise CommandError(str(error)) from None
        draft = article_draft_from_extraction(result, url=url, outlet=outlet_obj)
        if dry_run:
            self.stdout.write(json.dumps(self.preview(result, draft), ensure_ascii=False, indent=2))
            return
        outcome = article_import(draft=draft)
        source = outcome.source
        verb = "Created" if outcome.source_created else "Already recorded:"
        self.stdout.write(f"{verb} source #{source.pk} “{source.title}”")
        self.stdout.write(
            f"{len(outcome.created)} new quote(s), {len(outcome.existing)} already recorded, "
            f"{len(outcome.new_speakers)} new speaker(s)."
        )
        for quote_draft, reason in outcome.rejected:
            self.stderr.write(
                f"Skipped “{quote_draft.text[:60]}…” ({quote_draft.speaker_name or 'no speaker'}): {reason}"
            )
        if outcome.created:
            self.stdout.write(
                self.style.SUCCESS(
                    "Review them in the admin: /admin/quotes/quote/?machine_extracted__exact=1"
                )
            )

    def read(self, path):
        limit = settings.ARTICLE_MAX_BYTES
        try:
            if path == "-":
                data = sys.stdin.buffer.read(limit + 1)
            else:
                with Path(path).open("rb") as file:
                    data = file.read(limit + 1)  # never more than the limit allows, however large the file
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        if len(data) > limit:
            raise CommandError(
                f"{path} is larger than {size_label(limit)}, the most an article may be (ARTICLE_MAX_BYTES); "
                "import the article alone, or raise ARTICLE_MAX_BYTES."
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text (byte {error.start}); convert it first.") from None
        if not text.strip():
            raise CommandError(f"{path} is empty.")
        return text

    def preview(self, result, draft):
        existing = existing_article_for(draft)
        source = result.source.to_dict()
        source.update(
            {
                "url": draft.url,
                "timezone": draft.timezone,
                "outlet_match": draft.outlet.slug if draft.outlet else None,
                "already_recorded_as_source": existing.pk if existing else None,
            }
        )
        quotes = []
        for extracted, quote_draft in zip(result.quotes, draft.quotes, strict=True):
            entry = extracted.to_dict()
            match = quote_draft.speaker
            entry["speaker_match"] = {"id": match.pk, "slug": match.slug} if match else None
            entry["speaker_candidates"] = [
                {"id": speaker.pk, "slug": speaker.slug} for speaker in quote_draft.speaker_candidates
            ]
            entry["speaker_role"] = quote_draft.speaker_role
            entry["said_on_approximate"] = quote_draft.said_on_approximate
            entry["locator"] = quote_draft.citation_locator
            quotes.append(entry)
        return {"source": source, "quotes": quotes}
