"""Editors entering quotes in the admin, counted: clicks and fields typed per flow, and axe-core."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from core.normalization import normalize_url
from quotes import services
from quotes.models import Quote, Role
from sources import services as source_services
from sources.models import Source
from tests.browser.conftest import log_in, make_staff


class Counted:
    """Drives a page as an editor would, counting clicks, fields typed and keys pressed."""

    def __init__(self, page):
        self.page = page
        self.clicks = self.fields = self.keys = 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def type(self, locator, text):
        self.fields += 1
        locator.fill(text)

    def press(self, key):
        self.keys += 1
        self.page.keyboard.press(key)

    def pick(self, field_row, text, expected=None):
        """An autocomplete: click it, type, take the first suggestion with Enter."""
        self.click(field_row.locator(".select2-selection"))
        search = self.page.locator(".select2-container--open .select2-search__field")
        self.type(search, text)
        expect(self.page.locator(".select2-results__option--highlighted")).to_have_text(expected or text)
        self.press("Enter")

    def totals(self):
        return {"clicks": self.clicks, "fields": self.fields, "keys": self.keys}


def textbox(page, label):
    return page.get_by_label(f"{label}:", exact=True)


def _newsroom():
    editor = make_staff("erin-editor", "Editor")
    source_services.outlet_create(
        name="Republika", domain="republika.co.id", language="id", timezone="Asia/Jakarta"
    )
    patrushev = services.speaker_create(name="Nikolai Patrushev", user=editor)
    services.role_save(
        role=Role(
            speaker=patrushev,
            title="Secretary of the Security Council",
            start_date=date(2008, 5, 12),
            end_date=date(2024, 5, 14),
        ),
        user=editor,
    )
    return editor, patrushev


ARTICLE_URL = "https://www.republika.co.id/berita/s17gsd370/rusia-dan-cina-perkuat-kerja-sama"


def test_a_quote_from_a_new_article_then_a_second_from_the_same_article_counted(new_page, shot):
    editor, patrushev = _newsroom()
    page = new_page()
    log_in(page, "erin-editor")
    page.goto("/admin/quotes/quote/")

    first = Counted(page)
    first.click(page.get_by_role("link", name="Add quote"))
    first.type(textbox(page, "Source URL"), ARTICLE_URL)
    first.press("Tab")  # leaving the URL looks it up: not recorded, so the new-source fields open
    expect(textbox(page, "Title")).to_be_visible()
    first.type(textbox(page, "Title"), "Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat")
    first.type(textbox(page, "Outlet"), "Republika")
    expect(textbox(page, "Time zone")).to_have_value("Asia/Jakarta")
    first.type(textbox(page, "Published"), "2023-09-20 14:35")
    first.type(textbox(page, "Byline"), "Rizky Jaramaya")
    first.type(textbox(page.locator(".source-section"), "Locator"), "paragraph 12")
    first.type(textbox(page, "Text"), "Kerja sama kedua negara akan terus diperdalam")
    first.pick(
        page.locator(".field-speaker"), "Wang Yi", "Wang Yi (new speaker)"
    )  # not recorded: typed as a new speaker
    expect(textbox(page, "Language")).to_have_value("id")  # from the outlet
    first.type(textbox(page, "Said on"), "2023-09-18")
    shot(page, "first-quote-typed")
    first.click(page.get_by_role("button", name="Save and add another from the same source"))

    expect(page.locator(".messagelist")).to_contain_text("Add another from the same source")
    expect(page.locator(".recorded-source")).to_contain_text("Rusia dan Cina Perkuat Kerja Sama")
    shot(page, "second-quote-same-source")
    second = Counted(page)
    second.type(textbox(page, "Text"), "Kerja sama Rusia dan Cina sangat penting")
    second.pick(page.locator(".field-speaker"), "Patrushev", "Nikolai Patrushev")
    second.type(textbox(page, "Said on"), "2023-09")
    second.click(page.get_by_role("button", name="Save", exact=True).last)
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    print(f"\nNew article, new speaker: {first.totals()}; same article again: {second.totals()}")
    assert first.clicks <= 8 and second.clicks <= 4
    assert (first.fields, second.fields) == (9, 3)  # only what the article gives
    source = Source.objects.get()
    assert (source.url, source.outlet.name, source.timezone) == (
        normalize_url(ARTICLE_URL),
        "Republika",
        "Asia/Jakarta",
    )
    assert source.published_at == datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert [c.name for c in source.contributors.all()] == ["Rizky Jaramaya"]
    wang_quote, patrushev_quote = Quote.objects.order_by("pk")
    assert (wang_quote.speaker.name, wang_quote.language, wang_quote.created_by) == ("Wang Yi", "id", editor)
    assert wang_quote.citations.get().locator == "paragraph 12"
    assert patrushev_quote.speaker == patrushev
    assert (patrushev_quote.said_on_precision, patrushev_quote.role.title) == (
        "month",
        "Secretary of the Security Council",
    )
    assert patrushev_quote.citations.get().source == source


def test_a_recorded_url_cites_the_recorded_source(new_page, shot):
    editor, _ = _newsroom()
    recorded = source_services.source_create(
        title="Already here", url=ARTICLE_URL, language="id", user=editor
    )
    page = new_page()
    log_in(page, "erin-editor")
    page.goto("/admin/quotes/quote/add/")

    textbox(page, "Source URL").fill(ARTICLE_URL + "?utm_source=x")
    page.keyboard.press("Tab")
    expect(page.locator(".recorded-source")).to_contain_text("Already here")
    expect(textbox(page, "Title")).to_be_hidden()
    textbox(page, "Text").fill("Kerja sama Rusia dan Cina sangat penting")
    Counted(page).pick(page.locator(".field-speaker"), "Patrushev", "Nikolai Patrushev")
    expect(textbox(page, "Language")).to_have_value("id")
    shot(page, "recorded-source")
    page.get_by_role("button", name="Save", exact=True).last.click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Quote.objects.get().citations.get().source == recorded
    assert Source.objects.count() == 1


def axe_problems(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {len(violation['nodes'])} × "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_or_critical_problem_on_the_quote_form(new_page, shot):
    _newsroom()
    page = new_page()
    log_in(page, "erin-editor")
    page.goto("/admin/quotes/quote/add/")
    textbox(page, "Source URL").fill(ARTICLE_URL)
    page.keyboard.press("Tab")
    expect(textbox(page, "Title")).to_be_visible()
    shot(page, "quote-add-form")
    assert axe_problems(page) == []
    page.get_by_role("button", name="Save", exact=True).last.click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Text: This field is required.")).to_be_visible()
    summary.get_by_role("link", name="Language: Enter the language").click()
    expect(page).to_have_url(re.compile("#id_language$"))
    shot(page, "quote-add-form-errors")
    assert axe_problems(page) == []


def test_the_entry_flow_works_from_the_keyboard_alone(new_page, shot):
    _newsroom()
    page = new_page()
    log_in(page, "erin-editor")
    page.goto("/admin/quotes/quote/add/")
    page.locator("#id_source_url").focus()
    page.keyboard.type(ARTICLE_URL)
    expect(textbox(page, "Title")).to_be_visible()  # looked up while typing: a new source

    def tab_to(label):
        for _ in range(40):
            if page.evaluate("document.activeElement && document.activeElement.id") == label:
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached #{label}")

    tab_to("id_source_title")
    page.keyboard.type("Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat")
    tab_to("id_source_outlet")
    page.keyboard.type("Republika")
    tab_to("id_source_published_at")
    page.keyboard.type("2023-09-20 14:35")
    tab_to("id_text")
    page.keyboard.type("Kerja sama Rusia dan Cina sangat penting")
    page.keyboard.press("Tab")  # the speaker's picker
    page.keyboard.press("Enter")
    page.keyboard.type("Patrushev")
    expect(page.locator(".select2-results__option--highlighted")).to_have_text("Nikolai Patrushev")
    page.keyboard.press("Enter")
    tab_to("id_said_on")
    page.keyboard.type("2023-09-18")
    shot(page, "keyboard-typed")
    page.keyboard.press("Enter")  # submits the form

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    quote = Quote.objects.get()
    assert quote.citations.get().source.outlet.name == "Republika"
    assert re.search("Patrushev", str(quote.speaker))


def _queue():
    editor, patrushev = _newsroom()
    reviewer = make_staff("rui-reviewer", "Reviewer")
    article = source_services.source_create(
        title="Rusia dan Cina Perkuat Kerja Sama",
        published_at=datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")),
        timezone="Asia/Jakarta",
        user=editor,
    )
    quotes = [
        services.quote_create(
            user=editor,
            speaker=patrushev,
            text=text,
            language="id",
            machine_extracted=machine,
            citations=[{"source": article, "locator": "paragraph 2"}],
        )
        for text, machine in [
            (
                "Di tengah kampanye yang dilancarkan oleh kolektif Barat yang bertujuan untuk membendung "
                "Rusia dan Cina sangatlah penting untuk lebih memperdalam koordinasi",
                False,
            ),
            ("Kerja sama Rusia dan Cina sangat penting", True),
        ]
    ]
    return reviewer, quotes


def test_a_reviewer_works_through_the_queue_from_the_keyboard(new_page, shot):
    _, (_, machine) = _queue()
    page = new_page()
    log_in(page, "rui-reviewer")
    page.goto("/admin/quotes/quote/")
    page.locator(".object-tools").get_by_role("link", name="To review").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_contain_text("Kerja sama Rusia dan Cina")  # machine-extracted first
    shot(page, "review-queue")
    assert axe_problems(page) == []

    page.get_by_role("link", name="Kerja sama Rusia dan Cina sangat penting").click()
    expect(page.get_by_role("heading", name="Verdict: Unverified")).to_be_visible()
    page.get_by_label("Verdict note", exact=True).focus()
    page.keyboard.type("The video shows other words.")
    page.keyboard.press("Tab")  # the first verdict button
    for _ in range(2):
        page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Disputed")
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Marked as disputed.")
    shot(page, "ruled")
    assert axe_problems(page) == []
    machine.refresh_from_db()
    assert (machine.status, machine.status_note) == ("disputed", "The video shows other words.")


def test_a_bulk_verdict_asks_first_and_lists_what_will_change(new_page, shot):
    _queue()
    page = new_page()
    log_in(page, "rui-reviewer")
    page.goto("/admin/quotes/quote/")
    page.locator("#action-toggle").check()
    page.get_by_role("combobox", name="Action").select_option("mark_verified")
    page.get_by_role("button", name="Go", exact=True).click()

    expect(page.get_by_role("heading", name="2 quotes will be marked verified")).to_be_visible()
    shot(page, "bulk-confirmation")
    assert axe_problems(page) == []
    assert set(Quote.objects.values_list("status", flat=True)) == {"unverified"}
    page.get_by_role("button", name="Yes, mark 2 as verified").click()
    expect(page.locator(".messagelist")).to_contain_text("2 quote(s) marked as verified.")
    assert set(Quote.objects.values_list("status", flat=True)) == {"verified"}


def test_axe_finds_no_serious_or_critical_problem_on_the_import_pages(new_page, shot):
    _newsroom()
    page = new_page()
    log_in(page, "erin-editor")
    page.goto("/admin/quotes/quote/import-article/")
    shot(page, "import-article")
    assert axe_problems(page) == []
    page.get_by_label("Article text").fill(
        "Rusia dan Cina Perkuat Kerja Sama\nRepublika, 20 September 2023 14:35\n\n"
        "“Kerja sama kedua negara akan terus diperdalam,” kata Wang Yi di Moskow, Selasa (19/9/2023)."
    )
    page.get_by_role("button", name="Find quotes").click()
    page.locator(".import-article").wait_for()
    shot(page, "import-review")
    assert axe_problems(page) == []
