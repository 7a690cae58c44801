import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from quotes.models import Citation, Quote, Speaker
from sources.models import Outlet, Source
from tests.admin_forms import import_review_data
from tests.shared_data import seed_article_path

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:quotes_quote_import_article")

ENGLISH_ARTICLE = """City council approves night bus pilot

By Dana Whitfield

LEEDS, March 3 (Reuters-style wire) -- The city council approved a six-month night bus pilot on Tuesday.

"We have listened to shift workers for two years and this is the answer they asked for," said council leader Amira Patel.

Opposition member Tom Grady said the cost had not been explained. "Nobody has shown us where the money comes from," Grady said.
"""


def run_import(*args):
    out = io.StringIO()
    call_command("import_article", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in (Source, Outlet, Speaker, Quote, Citation)}


def test_a_dry_run_lists_the_seed_articles_quotes_and_writes_nothing():
    before = counts()

    preview = json.loads(run_import(str(seed_article_path()), "--dry-run"))

    assert counts() == before
    source = preview["source"]
    assert source["published_at"] == "2023-09-20T14:35:00+07:00"
    assert (source["outlet_name"], source["authors"], source["editors"]) == (
        "Republika",
        ["Rizky Jaramaya"],
        ["Esthi Maharani"],
    )
    direct = {q["speaker"]: q for q in preview["quotes"] if q["type"] == "direct"}
    assert direct["Nikolai Patrushev"]["text"].startswith("Di tengah kampanye")
    assert direct["Nikolai Patrushev"]["speaker_role"] == "Sekretaris Dewan Keamanan Rusia"
    assert direct["Nikolai Patrushev"]["said_on"] == "2023-09-19"
    assert direct["Wang Yi"]["text"].startswith("Semakin keras tindakan hegemoni")


def test_an_import_saves_unverified_machine_extracted_quotes_with_citations():
    output = run_import(str(seed_article_path()), "--url", "https://www.republika.co.id/berita/example")

    assert "Created source" in output
    source = Source.objects.get()
    assert source.url == "https://www.republika.co.id/berita/example"
    assert source.published_local.isoformat() == "2023-09-20T14:35:00+07:00"
    assert source.timezone == "Asia/Jakarta"
    assert source.outlet.name == "Republika"
    assert {(c.name, c.role) for c in source.contributors.all()} == {
        ("Rizky Jaramaya", "author"),
        ("Esthi Maharani", "editor"),
    }
    patrushev = Quote.objects.get(text__startswith="Di tengah kampanye")
    assert (patrushev.speaker.name, patrushev.status, patrushev.machine_extracted) == (
        "Nikolai Patrushev",
        "unverified",
        True,
    )
    assert patrushev.role.title == "Sekretaris Dewan Keamanan Rusia"
    assert str(patrushev.said) == "2023-09-19"
    citation = patrushev.citations.get()
    assert citation.source == source
    assert citation.locator.startswith("paragraph ")
    assert "kata Patrushev" in citation.excerpt


def test_importing_the_same_article_twice_creates_nothing_new():
    run_import(str(seed_article_path()))
    after_first = counts()

    output = run_import(str(seed_article_path()))

    assert counts() == after_first
    assert "Already recorded" in output
    assert "0 new quote(s)" in output


def test_an_import_reuses_recorded_speakers_outlets_and_the_hand_entered_source(demo):
    before = counts()
    demo_quotes = list(Quote.objects.all())

    output = run_import(str(seed_article_path()))

    after = counts()
    assert "Already recorded: source" in output
    assert (after["Speaker"], after["Outlet"], after["Source"]) == (
        before["Speaker"],
        before["Outlet"],
        before["Source"],
    )
    assert all(quote.citations.count() == 1 for quote in demo_quotes)
    assert not Quote.objects.filter(text__startswith="Di tengah kampanye", machine_extracted=True).exists()


def test_an_english_article_is_attributed_to_its_speakers(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ENGLISH_ARTICLE, encoding="utf-8")

    preview = json.loads(run_import(str(path), "--dry-run", "--language", "en"))

    speakers = {q["speaker"] for q in preview["quotes"] if q["type"] == "direct"}
    assert speakers == {"Amira Patel", "Tom Grady"}


def test_it_refuses_a_missing_file_with_a_clear_error():
    with pytest.raises(CommandError, match=r"Cannot read /nonexistent/article\.txt"):
        run_import("/nonexistent/article.txt")


def test_it_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 \u201cquoted\u201d".encode("cp1252"))

    with pytest.raises(CommandError, match="is not UTF-8 text"):
        run_import(str(path))


def test_it_refuses_an_unknown_outlet_slug():
    with pytest.raises(CommandError, match="No outlet with slug “nowhere”"):
        run_import(str(seed_article_path()), "--outlet", "nowhere")


def test_the_admin_import_page_proposes_the_quotes_beside_the_article(client, editor):
    client.force_login(editor)

    form_page = client.get(IMPORT_URL)
    review = client.post(
        IMPORT_URL, {"text": seed_article_path().read_text(encoding="utf-8"), "_preview": "1"}
    )

    assert form_page.status_code == 200
    assert review.status_code == 200
    page = review.content.decode()
    assert "<mark" in page
    formset = review.context["formset"]
    speakers = [form.initial["mention"] for form in formset.forms]
    assert "Nikolai Patrushev" in speakers and "Wang Yi" in speakers
    assert review.context["source_form"].initial["published_at"].isoformat() == "2023-09-20T14:35:00"
    assert not Quote.objects.exists()


def test_the_review_says_which_speakers_are_already_recorded(client, editor, demo):
    client.force_login(editor)

    review = client.post(
        IMPORT_URL, {"text": seed_article_path().read_text(encoding="utf-8"), "_preview": "1"}
    )

    known = {form.initial["mention"]: form.speaker_state for form in review.context["formset"]}
    assert (
        known["Nikolai Patrushev"][0] == "recorded"
        and known["Nikolai Patrushev"][1].slug == "nikolai-patrushev"
    )
    assert known["Wang Yi"][0] == "recorded" and known["Wang Yi"][1].slug == "wang-yi"
    assert "Recorded speaker:" in review.content.decode()


def test_an_editor_reviews_and_saves_the_quotes_they_keep(client, editor):
    client.force_login(editor)
    review = client.post(
        IMPORT_URL, {"text": seed_article_path().read_text(encoding="utf-8"), "_preview": "1"}
    )
    data = import_review_data(review)
    forms = review.context["formset"].forms
    wang = next(i for i, f in enumerate(forms) if f.initial["mention"] == "Wang Yi")
    data.pop(f"quotes-{wang}-include")

    response = client.post(IMPORT_URL, data)

    assert response.status_code == 302
    source = Source.objects.get()
    assert response["Location"].endswith(f"?citations__source__id__exact={source.pk}")
    assert source.created_by == editor
    assert not Quote.objects.filter(speaker__name="Wang Yi").exists()
    saved = Quote.objects.filter(speaker__name="Nikolai Patrushev")
    assert saved.count() == len(forms) - 1
    assert all(q.machine_extracted and q.created_by == editor for q in saved)


def test_a_review_with_errors_comes_back_with_everything_typed_and_saves_nothing(client, editor):
    client.force_login(editor)
    review = client.post(
        IMPORT_URL, {"text": seed_article_path().read_text(encoding="utf-8"), "_preview": "1"}
    )
    data = import_review_data(review, **{"quotes-0-speaker": "", "title": "A corrected headline"})

    response = client.post(IMPORT_URL, data)

    assert response.status_code == 200
    assert "Name the speaker, or untick this quote." in response.content.decode()
    assert 'value="A corrected headline"' in response.content.decode()
    assert not Source.objects.exists()
    assert not Quote.objects.exists()


def test_the_import_page_asks_for_text(client, editor):
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"text": "   ", "_preview": "1"})

    assert response.status_code == 200
    assert "Paste the article text or upload a file." in response.content.decode()


def test_the_command_refuses_a_file_above_the_article_limit_without_reading_it_all(tmp_path, settings):
    settings.ARTICLE_MAX_BYTES = 1024
    path = tmp_path / "huge.txt"
    path.write_text(ENGLISH_ARTICLE * 100)

    with pytest.raises(
        CommandError, match=r"huge\.txt is larger than 1 KB, the most an article may be \(ARTICLE_MAX_BYTES\)"
    ):
        run_import(str(path))
    assert not Source.objects.exists()


def test_the_command_takes_an_article_just_under_the_limit(tmp_path, settings):
    settings.ARTICLE_MAX_BYTES = len(ENGLISH_ARTICLE.encode())
    path = tmp_path / "article.txt"
    path.write_text(ENGLISH_ARTICLE)

    run_import(str(path))

    assert Source.objects.count() == 1


def test_the_admin_refuses_a_pasted_article_above_the_same_limit(client, editor, settings):
    settings.ARTICLE_MAX_BYTES = 1024
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"text": ENGLISH_ARTICLE * 100, "_preview": "1"})

    assert response.status_code == 200
    assert "The text is longer than 1 KB (ARTICLE_MAX_BYTES)" in response.content.decode()


def test_the_admin_refuses_an_uploaded_article_above_the_same_limit(client, editor, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ARTICLE_MAX_BYTES = 1024
    client.force_login(editor)
    upload = SimpleUploadedFile("article.txt", (ENGLISH_ARTICLE * 100).encode())

    response = client.post(IMPORT_URL, {"file": upload, "_preview": "1"})

    assert "The file is larger than 1 KB (ARTICLE_MAX_BYTES)" in response.content.decode()


def test_the_admin_names_the_extractors_cap_when_the_byte_limit_is_set_above_it(
    client, editor, settings, monkeypatch
):
    monkeypatch.setattr("quotes.extraction.extractor.MAX_ARTICLE_CHARS", 1000)
    settings.ARTICLE_MAX_BYTES = 10_000_000
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"text": ENGLISH_ARTICLE * 10, "_preview": "1"})

    assert response.status_code == 200
    assert "the extractor reads at most 1,000" in response.content.decode()
    assert not Source.objects.exists()


def test_the_command_names_the_extractors_cap_when_the_byte_limit_is_set_above_it(
    tmp_path, settings, monkeypatch
):
    monkeypatch.setattr("quotes.extraction.extractor.MAX_ARTICLE_CHARS", 1000)
    settings.ARTICLE_MAX_BYTES = 10_000_000
    path = tmp_path / "long.txt"
    path.write_text(ENGLISH_ARTICLE * 10)

    with pytest.raises(CommandError, match="characters"):
        run_import(str(path))
    assert not Source.objects.exists()
