"""A reader on a phone and on a desktop: first screen, filters, downloads, feeds, and axe-core on each page type."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from quotes.models import Citation, Quote, Speaker
from sources.models import Outlet, Source

PHONE = {"width": 390, "height": 844}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def quotes(transactional_db):
    """The demo article, two more of Wang Yi's quotes from a later article, and a verdict with its reviewer."""
    call_command("load_demo", stdout=io.StringIO())
    wang_yi = Speaker.objects.get(slug="wang-yi")
    wang_yi.wikidata_id = "Q17860"
    wang_yi.save()
    later = Source.objects.create(
        title="Wang Yi on the year ahead",
        outlet=Outlet.objects.get(slug="republika"),
        published_at=datetime(2024, 3, 8, 3, 0, tzinfo=UTC),
        timezone="Asia/Jakarta",
        language="en",
    )
    for said_on, text in [
        (date(2024, 3, 7), "Dialogue is the only way"),
        (date(2022, 3, 7), "Rock-solid ties"),
    ]:
        quote = Quote.objects.create(
            speaker=wang_yi, text=text, language="en", said_on=said_on, said_on_precision="day"
        )
        Citation.objects.create(quote=quote, source=later, locator="paragraph 3")
    reviewer = User.objects.create_user("rui", first_name="Rui", last_name="Reviewer")
    Quote.objects.filter(text="Dialogue is the only way").update(
        status="verified", reviewed_by=reviewer, reviewed_at=datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    )
    return {"source": later, "speaker": wang_yi, "demo_source": Source.objects.exclude(pk=later.pk).get()}


def small_targets(page):
    """Visible links, buttons and fields smaller than 44 × 44 CSS pixels."""
    return page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary')]
            .filter(el => !el.closest('.skip-link') && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
            .map(el => { const r = el.getBoundingClientRect();
                         return {text: (el.textContent || el.name || '').trim().slice(0, 40), width: r.width, height: r.height}; })
            .filter(t => t.width < 44 || t.height < 43.5)"""
    )


def test_a_reader_on_a_phone_sees_results_first_filters_downloads_and_follows(new_page, shot, quotes):
    page = new_page(viewport=PHONE)
    page.goto("/")

    first = page.locator("article.quote").first
    box = first.bounding_box()
    assert box["y"] + 80 < PHONE["height"], f"the first result starts at y={box['y']}"
    assert not page.get_by_label("Speaker").is_visible()  # the filters wait behind one button
    assert small_targets(page) == []
    shot(page, "list-phone")

    toggle = page.get_by_role("button", name="Filter")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_label("Speaker").fill("wang")
    page.get_by_label("Said from").fill("2023-09")
    assert small_targets(page) == []
    shot(page, "filters-open")
    page.get_by_role("button", name="Show quotes").click()

    expect(page).to_have_url(re.compile(r"/\?speaker_name=wang&said_after=2023-09$"))
    expect(page.locator("article.quote")).to_have_count(2)
    expect(page.locator(".count-line")).to_have_text("2 quotes")
    shot(page, "filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV spreadsheet").click()
    with open(download.value.path(), encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert {(row["speaker_name"], row["said_on"]) for row in rows} == {
        ("Wang Yi", "2024-03-07"),
        ("Wang Yi", "2023-09-18"),
    }
    assert len(rows) == 2

    feed_url = page.locator('head link[rel="alternate"][type="application/atom+xml"]').first.get_attribute(
        "href"
    )
    response = page.goto(feed_url)
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert len(titles) == 7
    assert "Wang Yi: “Dialogue is the only way”" in titles


def test_a_reader_on_a_phone_sees_a_speakers_first_quote_on_the_first_screen(new_page, shot, quotes):
    page = new_page(viewport=PHONE)
    page.goto("/speakers/wang-yi/")

    box = page.locator("article.quote").first.bounding_box()
    assert box["y"] + 80 < PHONE["height"], f"the first result starts at y={box['y']}"
    assert small_targets(page) == []
    expect(page.get_by_role("link", name="Wikidata Q17860").first).to_be_visible()
    expect(page.get_by_role("img", name="Quotes by Wang Yi per month")).to_be_visible()
    shot(page, "speaker-phone")


def axe_problems(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {len(violation['nodes'])} × {violation['nodes'][0]['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


PAGE_TYPES = {
    "quote list": lambda data: "/",
    "filtered list with an error": lambda data: "/?said_after=19/9/2023",
    "quote page": lambda data: Quote.objects.get(text="Dialogue is the only way").get_absolute_url(),
    "speaker list": lambda data: "/speakers/",
    "speaker page": lambda data: "/speakers/wang-yi/",
    "source page": lambda data: f"/sources/{data['demo_source'].pk}/",
    "Swagger UI": lambda data: "/api/v1/docs/",
    "Swagger UI, an operation tried": lambda data: "/api/v1/docs/",
    "ReDoc": lambda data: "/api/v1/redoc/",
}
READY = {"Swagger UI": ".opblock", "Swagger UI, an operation tried": ".opblock", "ReDoc": "[data-section-id]"}


def try_an_operation(page):
    """Open the first operation, fill nothing, run it, and wait for the response panels."""
    page.locator(".opblock-get .opblock-summary-control").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    page.locator(".live-responses-table").first.wait_for()


VIEWPORTS = {"desktop": None, "phone": PHONE}


@pytest.mark.parametrize(
    ("page_type", "width"),
    [(page_type, width) for page_type in PAGE_TYPES for width in VIEWPORTS if page_type not in READY]
    + [(page_type, "desktop") for page_type in READY],
)
def test_axe_finds_no_serious_or_critical_problem(new_page, shot, quotes, page_type, width):
    page = new_page(viewport=VIEWPORTS[width])
    page.goto(PAGE_TYPES[page_type](quotes))
    if page_type in READY:
        page.locator(READY[page_type]).first.wait_for()
    if page_type == "Swagger UI, an operation tried":
        try_an_operation(page)
    if page_type == "ReDoc":  # thousands of pixels long: the first screen is enough
        page.screenshot(path=str(shot.folder / "01-ReDoc.png"))
    else:
        shot(page, re.sub(r"\W+", "-", page_type))

    assert axe_problems(page) == []
