"""Integrity, as editors and reviewers meet it in the admin: no lost edit, no duplicate, no
silent change to a ruled quote, and a history that can be reverted."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from quotes import services
from quotes.dates import parse_partial_date
from quotes.models import Quote
from sources.services import source_create
from tests.browser.conftest import log_in, make_staff

WORDS = "Kerja sama kedua negara akan terus diperdalam"


def _article(title="Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat", day=20):
    return source_create(
        title=title,
        published_at=datetime(2023, 9, day, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")),
        timezone="Asia/Jakarta",
    )


def _quote(user, source=None, **fields):
    speaker = services.speaker_get_or_create(name="Wang Yi", user=user)[0]
    citations = [{"source": source, "locator": "paragraph 12"}] if source else []
    fields = {"text": WORDS, "language": "id", "said_on": parse_partial_date("2023-09-18"), **fields}
    return services.quote_create(user=user, speaker=speaker, citations=citations, **fields)


def field(scope, label):
    """A text field by its visible label, as a person finds it."""
    return scope.get_by_role("textbox", name=f"{label}:", exact=True)


def _change_page(page, quote):
    page.goto(f"/admin/quotes/quote/{quote.pk}/change/")
    expect(page.get_by_role("heading", name="Change quote")).to_be_visible()


def _save(page):
    page.get_by_role("button", name="Save", exact=True).first.click()


def test_a_stale_save_is_refused_with_the_other_editors_change_and_keeps_my_input(new_page, shot):
    erin, dana = make_staff("erin-editor", "Editor"), make_staff("dana-editor", "Editor")
    quote = _quote(erin)
    mine, theirs = new_page(), new_page()
    log_in(mine, "erin-editor")
    log_in(theirs, "dana-editor")
    _change_page(mine, quote)
    _change_page(theirs, quote)

    field(theirs, "Place").fill("Moscow")
    _save(theirs)
    expect(theirs.locator(".messagelist")).to_contain_text("was changed successfully")
    field(mine, "Context").fill("Talks with Lavrov at the start of a four-day visit.")
    _save(mine)

    shot(mine, "stale-save-refused")
    errors = mine.locator(".errornote, .errorlist")
    expect(errors.first).to_be_visible()
    expect(mine.locator("#quote_form")).to_contain_text("dana-editor saved this record")
    expect(mine.locator("#quote_form")).to_contain_text("Place")
    expect(mine.locator("#quote_form")).to_contain_text("Moscow")
    expect(field(mine, "Context")).to_have_value("Talks with Lavrov at the start of a four-day visit.")
    quote.refresh_from_db()
    assert (quote.place, quote.context, quote.updated_by) == ("Moscow", "", dana)

    _save(mine)  # having seen their change, saving again overwrites it deliberately
    expect(mine.locator(".messagelist")).to_contain_text("was changed successfully")
    quote.refresh_from_db()
    assert quote.context == "Talks with Lavrov at the start of a four-day visit."


def _pick_autocomplete(page, container, text):
    container.locator(".select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_a_duplicate_quote_leads_the_editor_to_the_recorded_one_with_their_citation(new_page, shot):
    erin = make_staff("erin-editor", "Editor")
    existing = _quote(erin, _article())
    second = _article("Wang Yi: kerja sama akan diperdalam", day=21)
    page = new_page()
    log_in(page, "erin-editor")

    page.goto("/admin/quotes/quote/add/")
    field(page, "Text").fill(WORDS.lower() + ".")
    _pick_autocomplete(page, page.locator(".field-speaker"), "Wang Yi")
    page.get_by_role("combobox", name="Language:", exact=True).fill("id")
    citation = page.locator("#citations-group .inline-related").first
    _pick_autocomplete(page, citation.locator(".field-source"), "Wang Yi: kerja sama")
    field(citation, "Locator").fill("paragraph 4")
    _save(page)

    shot(page, "duplicate-refused")
    expect(page.locator(".field-text .errorlist")).to_contain_text("already has a quote with these words")
    expect(field(page, "Text")).to_have_value(WORDS.lower() + ".")
    assert Quote.objects.count() == 1

    page.get_by_role("link", name=f"quote #{existing.pk}", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/quotes/quote/{existing.pk}/change/"))
    shot(page, "existing-quote-with-citation")
    prefilled = page.locator("#citations-group .inline-related").nth(1)
    expect(field(prefilled, "Locator")).to_have_value("paragraph 4")
    _save(page)

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert sorted(existing.citations.values_list("locator", flat=True)) == ["paragraph 12", "paragraph 4"]
    assert existing.citations.filter(source=second).exists()


def test_an_editor_rewording_a_verified_quote_withdraws_the_verdict_and_the_history_says_why(new_page, shot):
    make_staff("erin-editor", "Editor")
    rui = make_staff("rui-reviewer", "Reviewer")
    quote = _quote(rui, _article())
    services.quote_set_status(quote=quote, status="verified", user=rui)
    page = new_page()
    log_in(page, "erin-editor")
    _change_page(page, quote)
    expect(page.locator(".field-status")).to_contain_text("Verified")

    field(page, "Text").fill(WORDS + " tanpa syarat")
    _save(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    _change_page(page, quote)
    page.get_by_role("link", name="History").click()

    shot(page, "history-after-rewording")
    expect(page.locator("#change-history")).to_contain_text(
        "Verdict “verified” withdrawn: the words changed after review."
    )
    quote.refresh_from_db()
    assert (quote.status, quote.text) == ("unverified", WORDS + " tanpa syarat")


def test_a_reviewer_reverts_a_change_from_the_history_page(new_page, shot):
    erin, rui = make_staff("erin-editor", "Editor"), make_staff("rui-reviewer", "Reviewer")
    quote = _quote(erin, place="Moscow")
    services.quote_update(quote=Quote.objects.get(pk=quote.pk), user=erin, place="Beijing")
    page = new_page()
    log_in(page, "rui-reviewer")
    page.goto(f"/admin/quotes/quote/{quote.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("Moscow")
    shot(page, "history")

    page.locator("#change-history tbody tr").last.get_by_role("link").first.click()
    expect(field(page, "Place")).to_have_value("Moscow")
    shot(page, "revert-form")
    page.get_by_role("button", name="Revert").first.click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    quote.refresh_from_db()
    assert (quote.place, quote.updated_by, quote.version) == ("Moscow", rui, 3)
    latest = quote.history.latest("history_id")
    assert (latest.history_user, latest.history_via) == (rui, "admin")


def test_a_reviewer_restores_a_deleted_quote_with_its_citations(new_page, shot):
    rui = make_staff("rui-reviewer", "Reviewer")
    quote = _quote(rui, _article())
    page = new_page()
    log_in(page, "rui-reviewer")
    _change_page(page, quote)
    page.get_by_role("link", name="Delete", exact=True).first.click()
    page.get_by_role("button", name="Yes, I’m sure").click()
    expect(page.locator(".messagelist")).to_contain_text("was deleted successfully")
    assert not Quote.objects.exists()

    page.get_by_role("link", name="Deleted quotes").click()
    shot(page, "deleted-quotes")
    page.get_by_role("button", name=f"Restore quote #{quote.pk}").click()

    expect(page.locator(".messagelist")).to_contain_text(f"Restored quote #{quote.pk}.")
    shot(page, "restored")
    restored = Quote.objects.get(pk=quote.pk)
    assert (restored.text, restored.citations.get().locator) == (WORDS, "paragraph 12")
