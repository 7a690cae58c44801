"""Importing a new English and a new Indonesian article in the admin, reviewed as an editor would.

Both articles are our own writing (tests/quotes/data/), in the house styles of a small UK
regional daily and of Republika. What is asserted is what was stored.
"""

from datetime import UTC, datetime
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from quotes import services
from quotes.models import Quote, Role, Speaker
from sources import services as source_services
from sources.models import Outlet, Source
from tests.browser.conftest import log_in, make_staff

DATA = Path(__file__).resolve().parents[1] / "quotes" / "data"
ENGLISH = (DATA / "solent_style_harbour_board.txt").read_text(encoding="utf-8")
INDONESIAN = (DATA / "republika_style_pasar_bogor.txt").read_text(encoding="utf-8")
ENGLISH_URL = "https://www.solentecho.co.uk/news/harbour-board-ferry-terminal"


def serious_axe_problems(page):
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def paste_and_review(page, text, url=""):
    page.goto("/admin/quotes/quote/import-article/")
    page.get_by_label("Article text").fill(text)
    if url:
        page.get_by_label("URL").fill(url)
    page.get_by_role("button", name="Find quotes").click()
    page.locator(".import-article").wait_for()


def candidate(page, words):
    return page.locator(".candidate").filter(has=page.locator("textarea", has_text=words))


def assert_only_what_the_article_says():
    assert not Role.objects.filter(title__iregex=r"portsmouth|bogor|--|—").exists()
    for quote in Quote.objects.filter(said_on__isnull=False, said_on_approximate=False):
        # An unmarked date is one the article states for those words.
        excerpt = quote.citations.get().excerpt
        assert any(day in excerpt for day in ("Monday", "Selasa", "19/9/2023")), (quote.text, quote.said_on)


def test_an_editor_imports_an_english_regional_article_and_links_a_recorded_speaker(new_page, shot):
    editor = make_staff("erin-editor", "Editor")
    okafor = services.speaker_create(
        name="Susan Okafor", description="Harbour master, Portsmouth", user=editor
    )
    raman = services.speaker_create(name="Priya Raman", user=editor)
    page = new_page()
    log_in(page, "erin-editor")

    paste_and_review(page, ENGLISH, ENGLISH_URL)

    expect(page.locator("#outlet-unknown")).to_contain_text("solentecho.co.uk")
    expect(candidate(page, "Residents in Old Portsmouth").locator(".speaker-state")).to_contain_text(
        "Recorded speaker: Priya Raman"
    )
    harbour = candidate(page, "the channel is already")
    expect(harbour.locator(".speaker-state")).to_contain_text("New speaker: Sue Okafor")
    expect(harbour.locator(".speaker-state")).to_contain_text("confidence in the speaker")
    shot(page, "review")
    assert serious_axe_problems(page) == []

    harbour.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Susan")
    expect(page.locator(".select2-results__option--highlighted")).to_have_text("Susan Okafor")
    page.keyboard.press("Enter")
    expect(harbour.locator(".speaker-state")).to_contain_text("Recorded speaker: Susan Okafor")
    board = candidate(page, "We will not ask members")
    board.get_by_label("Context").fill("Solent Harbour Board meeting at the Guildhall")
    shot(page, "corrected")
    page.get_by_role("button", name="Save source and quotes").click()

    expect(page.locator(".messagelist")).to_contain_text("Created source")
    shot(page, "saved")
    source = Source.objects.get()
    assert source.outlet is None and not Outlet.objects.exists()
    assert source.published_at == datetime(2024, 5, 14, 9, 10, tzinfo=UTC)
    assert list(source.contributors.filter(role="editor").values_list("name", flat=True)) == ["Chris Tandy"]
    reported = Quote.objects.get(text__startswith="the channel is already")
    assert (reported.speaker, reported.said_on) == (okafor, None)
    assert not Speaker.objects.filter(name="Sue Okafor").exists()
    assert Quote.objects.get(text__startswith="Residents in Old Portsmouth").speaker == raman
    meeting = Quote.objects.get(text__startswith="We will not ask members")
    assert meeting.context == "Solent Harbour Board meeting at the Guildhall"
    assert meeting.role.title == "chairman of the Solent Harbour Board"
    assert_only_what_the_article_says()


def test_an_editor_imports_an_indonesian_article_and_chooses_between_namesakes(new_page, shot):
    editor = make_staff("erin-editor", "Editor")
    republika = source_services.outlet_create(
        name="Republika", domain="republika.co.id", language="id", timezone="Asia/Jakarta"
    )
    rangga = services.speaker_create(name="Rangga Aditya Permana", aliases=["Kang Rangga"], user=editor)
    trader = services.speaker_create(
        name="Hadi Susanto", description="Ketua Paguyuban Pedagang Pasar Kebon Kembang", user=editor
    )
    services.speaker_create(name="Hadi Susanto", description="Pemain sepak bola", user=editor)
    page = new_page()
    log_in(page, "erin-editor")

    paste_and_review(page, INDONESIAN)

    mayor = candidate(page, "Kami tidak mau pedagang")
    expect(mayor.locator(".speaker-state")).to_contain_text("Recorded speaker: Rangga Aditya Permana")
    traders = page.locator(".candidate").filter(has_text="could be any of 2 recorded speakers")
    expect(traders).to_have_count(2)
    shot(page, "review")
    assert serious_axe_problems(page) == []
    for index in range(2):
        traders.nth(index).get_by_label("Hadi Susanto — Ketua Paguyuban Pedagang Pasar Kebon Kembang").check()
    mayor.get_by_label("Place").fill("Balai Kota Bogor")
    page.get_by_role("button", name="Save source and quotes").click()

    expect(page.locator(".messagelist")).to_contain_text("Created source")
    source = Source.objects.get()
    assert (source.outlet, Outlet.objects.count()) == (republika, 1)
    assert source.published_local.isoformat() == "2023-09-19T16:25:00+07:00"
    assert [c.name for c in source.contributors.order_by("role")] == ["Anisa Rahmawati", "Fajar Nugroho"]
    said = Quote.objects.get(text__startswith="Kami tidak mau pedagang")
    assert (said.speaker, said.place, said.role.title if said.role else None) == (
        rangga,
        "Balai Kota Bogor",
        None,
    )
    assert set(Quote.objects.filter(speaker__name="Hadi Susanto").values_list("speaker", flat=True)) == {
        trader.pk
    }
    assert Speaker.objects.count() == 3
    assert_only_what_the_article_says()
