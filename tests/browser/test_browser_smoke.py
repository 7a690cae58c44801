import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in, make_staff


def test_an_editor_signs_in_and_reaches_the_quote_list(new_page, shot):
    make_staff("erin-editor", "Editor")
    page = new_page()
    log_in(page, "erin-editor")
    page.locator("tr.model-quote").get_by_role("link", name="Quotes").click()
    expect(page).to_have_url(re.compile(r"/admin/quotes/quote/$"))
    shot(page, "quote-list")
    assert page.get_by_role("heading", name="Select quote to change").is_visible()
