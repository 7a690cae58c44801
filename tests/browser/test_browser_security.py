"""In the browser: every kind of page satisfies the Content-Security-Policy, and the admin login
locks out after repeated failures."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quotes.models import Quote, Speaker
from tests.browser.conftest import PASSWORD, log_in, make_staff

# Listens before any page script runs; Playwright's init scripts are not subject to the page's CSP.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def _open_recording(new_page):
    page = new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    return page, console


# ReDoc shows Redocly's logo from their CDN (hard-coded); the policy blocks it, ReDoc then hides it,
# and the documentation stays entirely local.
EXPECTED_BLOCKS = ("https://cdn.redoc.ly/",)


def _violations(page, console):
    reported = page.evaluate("window.__cspViolations")
    logged = [text for text in console if "Content Security Policy" in text]
    return [text for text in reported + logged if not any(url in text for url in EXPECTED_BLOCKS)]


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def test_reader_pages_and_api_docs_load_without_a_csp_violation(new_page, shot, demo_data):
    quote = Quote.objects.first()
    speaker = Speaker.objects.first()
    page, console = _open_recording(new_page)
    checks = [
        ("/", "quote-list"),
        (f"/quotes/{quote.pk}/", "quote-page"),
        ("/speakers/", "speaker-list"),
        (f"/speakers/{speaker.slug}/", "speaker-page"),
        ("/api/v1/docs/", "swagger-ui"),
        ("/api/v1/redoc/", "redoc"),
    ]
    for path, step in checks:
        response = page.goto(path)
        assert response.status == 200, path
        assert "content-security-policy" in response.headers, path
        if step == "swagger-ui":
            expect(page.locator(".opblock").first).to_be_visible()
        if step == "redoc":
            expect(page.get_by_text("List quotes").first).to_be_attached(timeout=30_000)
        page.wait_for_load_state("load")
        if step != "redoc":  # too tall for a full-page screenshot
            shot(page, step)
        assert _violations(page, console) == [], path


def test_the_admin_loads_without_a_csp_violation(new_page, shot, demo_data):
    make_staff("sam-admin", is_superuser=True)
    quote = Quote.objects.first()
    page, console = _open_recording(new_page)

    log_in(page, "sam-admin")
    assert _violations(page, console) == []
    for path, step in [
        ("/admin/quotes/quote/", "changelist"),
        (f"/admin/quotes/quote/{quote.pk}/change/", "change-form"),
        ("/admin/quotes/quote/add/", "add-form"),
    ]:
        page.goto(path)
        page.wait_for_load_state("load")
        shot(page, step)
        assert _violations(page, console) == [], path


def test_a_quote_that_looks_like_markup_stays_inside_its_json_ld(new_page, shot, demo_data):
    quote = Quote.objects.first()
    Quote.objects.filter(pk=quote.pk).update(
        text='Opening <!--<script> and closing </script><b id="x">bold</b>'
    )
    page = new_page()

    page.goto(f"/quotes/{quote.pk}/")
    shot(page, "quote-page")

    expect(page.locator("blockquote")).to_contain_text("<!--<script> and closing </script>")
    assert page.locator("#x").count() == 0
    assert page.locator('script[type="application/ld+json"]').count() == 1
    json_ld = page.evaluate(
        "JSON.stringify(JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent))"
    )
    assert "<!--<script> and closing </script>" in json_ld


def test_the_admin_login_locks_out_after_repeated_failures(new_page, shot, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_staff("erin-editor", "Editor")
    page = new_page()

    for attempt in range(3):
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("erin-editor")
        page.get_by_label("Password").fill(f"wrong guess {attempt}")
        page.get_by_role("button", name="Log in").click()
    shot(page, "third-failure")

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("erin-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    shot(page, "locked-out")

    expect(page.get_by_text(re.compile("too many login attempts", re.I))).to_be_visible()
    assert "/admin/login/" in page.url
    # Another browser (same address) is locked out as well: the lockout is not in a cookie.
    other = new_page()
    other.goto("/admin/login/")
    other.get_by_label("Username").fill("erin-editor")
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Log in").click()
    expect(other.get_by_text(re.compile("too many login attempts", re.I))).to_be_visible()


def test_a_correct_login_after_fewer_failures_gets_in(new_page, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_staff("erin-editor", "Editor")
    page = new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("erin-editor")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()

    log_in(page, "erin-editor")
