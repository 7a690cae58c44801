"""An editor imports a spreadsheet with one bad row: the preview names the row and why, the rest is imported."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from quotes import services
from quotes.models import Quote
from tests.browser.conftest import log_in, make_staff

SPREADSHEET = """speaker,text,date,language,source_url,source_title,published_at,locator
Amira Patel,We have listened to shift workers for two years,2024-03-05,en,https://example.org/night-bus,Council approves night bus pilot,2024-03-06T09:00+00:00,paragraph 2
Tom Grady,Nobody has shown us where the money comes from,2024-02-30,en,https://example.org/night-bus,,,paragraph 4
Amira Patel,This is the answer they asked for,2024-03,en,https://example.org/night-bus,,,paragraph 3
"""


def test_an_editor_previews_a_spreadsheet_sees_the_bad_row_and_imports_the_others(new_page, tmp_path, shot):
    editor = make_staff("erin-editor", "Editor")
    services.speaker_create(name="Amira Patel", user=editor)
    path = tmp_path / "quotes.csv"
    path.write_text(SPREADSHEET)
    page = new_page()
    log_in(page, "erin-editor")

    page.goto("/admin/quotes/quote/")
    page.get_by_role("link", name="Import spreadsheet").click()
    page.get_by_label("Spreadsheet:").set_input_files(str(path))
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", name="Preview of quotes.csv")).to_be_visible()
    problems = page.locator(".import-problems li")
    expect(problems).to_have_count(1)
    expect(problems).to_have_text("Refused — Row 3: date: “2024-02-30” is not a valid calendar date.")
    assert Axe().run(page).violations_count == 0
    shot(page, "preview")
    assert not Quote.objects.exists()

    page.get_by_role("button", name="Import 2 quotes").click()

    expect(page.get_by_role("heading", name="Imported from quotes.csv")).to_be_visible()
    expect(page.locator(".import-summary")).to_contain_text("2 new quotes")
    shot(page, "imported")
    page.get_by_role("link", name="Back to the quote list").click()
    expect(page).to_have_url(re.compile(r"/admin/quotes/quote/$"))
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    assert set(Quote.objects.values_list("speaker__name", flat=True)) == {"Amira Patel"}
    assert not Quote.objects.filter(text__startswith="Nobody").exists()
