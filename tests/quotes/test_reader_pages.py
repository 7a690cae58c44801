import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from quotes import services
from quotes.models import Citation, Quote, Speaker
from sources.models import Source

pytestmark = pytest.mark.django_db


def patrushev_direct():
    return Quote.objects.get(text__startswith="Di tengah kampanye")


def test_the_quote_listing_shows_every_quote_with_speaker_date_and_verdict(client, demo):
    response = client.get(reverse("quotes:quote-list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["page"].paginator.count == 5
    assert "Di tengah kampanye" in page
    assert "19 September 2023" in page
    assert "c. 18 September 2023" in page
    assert "Unverified" in page


def test_the_listing_takes_the_same_filters_as_the_api(client, demo):
    response = client.get(reverse("quotes:quote-list"), {"speaker_name": "PATRUSHEV", "type": "direct"})

    assert [q.pk for q in response.context["page"]] == [patrushev_direct().pk]


def test_a_malformed_filter_is_explained_in_words_beside_its_field_with_400(client, demo):
    response = client.get(reverse("quotes:quote-list"), {"said_after": "19/9/2023"})

    assert response.status_code == 400
    page = response.content.decode()
    errors = page.split('<div class="errors"')[1].split("</div>")[0]
    assert '<a href="#id_said_after">Said from</a>: ' in errors
    assert "said_after" not in errors.replace("#id_said_after", "")
    assert 'id="error-said_after"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-expanded="true"' in page  # the filter panel opens to show the field


def test_a_quote_page_is_citable_with_its_sources_and_structured_data(client, demo):
    quote = patrushev_direct()

    response = client.get(quote.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Secretary of the Security Council of Russia" in page
    assert "Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat" in page
    assert "20 September 2023, 14:35 (UTC+07:00)" in page
    assert "Rizky Jaramaya (author / reporter)" in page
    assert "Indonesian; a translation of words spoken in Russian" in page
    assert f'<link rel="canonical" href="http://testserver/quotes/{quote.pk}/">' in page
    assert (
        "as reported in “Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat”, Republika, 20 September 2023"
        in page
    )
    structured = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    items = structured if isinstance(structured, list) else structured.get("@graph", [structured])
    assert any(item.get("@type") == "Quotation" for item in items)


def test_a_quote_page_lists_the_same_words_attributed_to_another_speaker(client, demo):
    quote = patrushev_direct()
    other_speaker = Speaker.objects.create(name="Someone Else", slug="someone-else")
    other = Quote.objects.create(speaker=other_speaker, text=quote.text.upper(), language="id")
    Citation.objects.create(quote=other, source=quote.citations.get().source)

    page = client.get(quote.get_absolute_url()).content.decode()

    assert "The same words, attributed to others" in page
    assert f'href="{other.get_absolute_url()}"' in page


def test_an_unknown_quote_is_a_404(client, db):
    assert client.get(reverse("quotes:quote-detail", args=[999999])).status_code == 404


def test_a_speaker_page_shows_aliases_roles_and_their_quotes(client, demo):
    response = client.get(reverse("quotes:speaker-detail", args=["wang-yi"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "王毅" in page
    assert "Minister of Foreign Affairs" in page
    assert [q.speaker.slug for q in response.context["page"]] == ["wang-yi"]


def test_a_speaker_page_is_found_by_wikidata_id(client, demo):
    Speaker.objects.filter(slug="wang-yi").update(wikidata_id="Q17860")

    response = client.get(reverse("quotes:speaker-detail", args=["Q17860"]))

    assert response.status_code == 200
    assert response.context["speaker"].slug == "wang-yi"


def test_the_speaker_list_searches_names_and_aliases(client, demo):
    response = client.get(reverse("quotes:speaker-list"), {"q": "патрушев"})

    assert [s.slug for s in response.context["speakers"]] == ["nikolai-patrushev"]
    assert "4 quotes" in response.content.decode()


def test_the_listing_uses_a_constant_number_of_queries(client, demo, django_assert_max_num_queries):
    quote = patrushev_direct()
    for n in range(30):
        extra = Quote.objects.create(speaker=quote.speaker, text=f"Extra words {n}", language="id")
        Citation.objects.create(quote=extra, source=quote.citations.get().source)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("quotes:quote-list"))

    assert response.context["page"].paginator.count == 35


def test_empty_parameters_are_dropped_from_the_url_by_a_redirect(client, demo):
    response = client.get("/?q=&speaker_name=patrushev&status=&said_after=+")

    assert response.status_code == 302
    assert response["Location"] == "/?speaker_name=patrushev"


def test_the_default_order_and_the_first_page_are_dropped_from_the_url(client, demo):
    assert client.get("/?ordering=-said_on&page=1")["Location"] == "/"
    assert client.get("/?q=kerja&ordering=relevance")["Location"] == "/?q=kerja"
    assert client.get("/speakers/wang-yi/?tag=")["Location"] == "/speakers/wang-yi/"
    assert client.get("/?q=kerja&ordering=-said_on").status_code == 200


def option_values(page, select_name):
    select = page.split(f'name="{select_name}"')[1].split("</select>")[0]
    return [part.split('"')[0] for part in select.split('value="')[1:]]


def test_the_order_list_offers_each_order_once(client, demo):
    plain = option_values(client.get("/").content.decode(), "ordering")
    searching = option_values(client.get("/?q=kerja").content.decode(), "ordering")

    assert plain[0] == "" and "-said_on" not in plain and "relevance" not in plain
    assert len(plain) == len(set(plain)) == 6
    assert searching[:2] == ["", "-said_on"] and "relevance" not in searching
    assert len(searching) == len(set(searching)) == 7


def test_the_filters_name_choices_in_words(client, demo):
    page = client.get("/").content.decode()

    assert '<option value="" selected>Any verdict</option>' in page
    assert '<option value="id">Indonesian (id)</option>' in page
    assert "---------" not in page
    assert 'id="hint-said_after"' in page


def test_filters_not_in_the_form_are_kept_when_the_form_is_sent_again(client, demo):
    page = client.get("/?tag=geopolitics&has_citation=true").content.decode()

    assert '<input type="hidden" name="tag" value="geopolitics">' in page
    assert '<input type="hidden" name="has_citation" value="true">' in page


def test_facets_count_the_current_result_by_verdict_type_language_and_outlet(client, demo):
    patrushev_direct().__class__.objects.filter(pk=patrushev_direct().pk).update(status="verified")

    response = client.get("/", {"speaker_name": "patrushev"})

    facets = {group["name"]: group["items"] for group in response.context["facets"]}
    assert [(i["value"], i["count"]) for i in facets["status"]] == [("unverified", 3), ("verified", 1)]
    assert [(i["value"], i["count"]) for i in facets["type"]] == [("indirect", 3), ("direct", 1)]
    assert [(i["label"], i["count"]) for i in facets["language"]] == [("Indonesian", 4)]
    assert [(i["label"], i["count"]) for i in facets["outlet"]] == [("Republika", 4)]
    assert facets["status"][1]["url"] == "?speaker_name=patrushev&status=verified"


def test_a_chosen_facet_links_to_the_result_without_it(client, demo):
    response = client.get("/", {"type": "direct"})

    facets = {group["name"]: group["items"] for group in response.context["facets"]}
    assert facets["type"] == [
        {"value": "direct", "label": "Direct quote", "count": 2, "url": "/", "selected": True}
    ]


def test_facets_are_skipped_and_said_so_on_a_result_too_large_to_count_cheaply(client, demo, monkeypatch):
    monkeypatch.setattr("quotes.selectors.FACET_LIMIT", 3)
    monkeypatch.setattr("quotes.pages.FACET_LIMIT", 3)

    response = client.get("/")

    assert response.context["facets"] is None
    assert "shown for results of up to 3 quotes" in response.content.decode()


def test_the_listing_links_a_csv_and_json_download_of_the_current_filter(client, demo):
    page = client.get("/speakers/nikolai-patrushev/", {"type": "indirect"}).content.decode()

    assert 'href="/speakers/nikolai-patrushev/?type=indirect&amp;format=csv"' in page
    assert (
        'href="/api/v1/quotes/?type=indirect&amp;speaker=nikolai-patrushev&amp;page_size=100&amp;format=json"'
        in page
    )


def test_the_csv_download_holds_every_matching_quote_as_the_api_exports_it(client, demo):
    response = client.get("/", {"speaker_name": "patrushev", "type": "indirect", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="quotes.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 3
    assert {row["speaker_slug"] for row in rows} == {"nikolai-patrushev"}
    api = client.get("/api/v1/quotes/", {"speaker_name": "patrushev", "type": "indirect", "format": "csv"})
    assert response.content == api.content


def test_a_csv_download_with_a_bad_filter_is_the_page_with_its_error(client, demo):
    response = client.get("/", {"said_after": "soon", "format": "csv"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_listings_advertise_their_atom_feeds(client, demo):
    feed_link = '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">'
    home = client.get("/").content.decode()
    speaker = client.get("/speakers/wang-yi/").content.decode()
    topic = client.get("/?tag=geopolitics").content.decode()

    assert feed_link.format("New quotes", "/feed/") in home
    assert feed_link.format("New verdicts", "/feed/verdicts/") in home
    assert feed_link.format("New quotes by Wang Yi", "/feed/speakers/wang-yi/") in speaker
    assert feed_link.format("New quotes on Geopolitics", "/feed/topics/geopolitics/") in topic


def test_a_source_page_lists_every_quote_it_reports(client, demo):
    source = patrushev_direct().citations.get().source
    elsewhere = Source.objects.create(title="Another story", language="en")
    other = Quote.objects.create(speaker=patrushev_direct().speaker, text="Other words", language="en")
    Citation.objects.create(quote=other, source=elsewhere)

    response = client.get(reverse("quotes:source-detail", args=[source.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 lang="id">Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat</h1>' in page
    assert "Rizky Jaramaya (author / reporter)" in page
    assert response.context["page"].paginator.count == 5
    assert other.pk not in [q.pk for q in response.context["page"]]
    assert (
        client.get(reverse("quotes:source-detail", args=[elsewhere.pk])).context["page"].paginator.count == 1
    )
    assert client.get(reverse("quotes:source-detail", args=[999999])).status_code == 404


def test_a_quote_page_links_its_sources_pages(client, demo):
    quote = patrushev_direct()

    page = client.get(quote.get_absolute_url()).content.decode()

    assert f'href="/sources/{quote.citations.get().source_id}/"' in page


def test_a_speaker_page_draws_quotes_per_month_on_the_server(client, demo):
    speaker = Speaker.objects.get(slug="wang-yi")
    for n, (said_on, precision) in enumerate(
        [(date(2023, 9, 2), "day"), (date(2023, 7, 1), "month"), (date(2022, 1, 1), "year"), (None, "")]
    ):
        Quote.objects.create(
            speaker=speaker,
            text=f"More words {n}",
            language="en",
            said_on=said_on,
            said_on_precision=precision,
        )

    page = client.get(speaker.get_absolute_url()).content.decode()

    svg = page.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in svg
    assert svg.count("<rect") == 2  # July and September 2023
    assert "<title>September 2023: 2 quotes</title>" in svg
    assert "<title>July 2023: 1 quote</title>" in svg
    assert "3 dated quotes, July 2023 to September 2023; 1 more dated only to the year; 1 undated." in page
    assert "<script" not in svg


def test_a_quote_page_shows_who_ruled_on_it_and_when(client, demo, reviewer):
    reviewer.first_name, reviewer.last_name = "Rui", "Reviewer"
    reviewer.save()
    quote = patrushev_direct()
    ruled_at = datetime(2026, 10, 3, 9, 30, tzinfo=UTC)
    Quote.objects.filter(pk=quote.pk).update(
        status="verified",
        status_note="Matches the Kremlin transcript.",
        reviewed_by=reviewer,
        reviewed_at=ruled_at,
    )

    page = client.get(quote.get_absolute_url()).content.decode()

    verdict = page.split('<section class="verdict"')[1].split("</section>")[0]
    assert "Verified" in verdict
    assert "by Rui Reviewer on" in verdict
    assert '<time datetime="2026-10-03T09:30:00+00:00">3 October 2026, 09:30 UTC</time>' in verdict
    assert "Matches the Kremlin transcript." in verdict


def test_an_unruled_quote_says_nobody_has_ruled(client, demo):
    page = client.get(patrushev_direct().get_absolute_url()).content.decode()

    assert "No reviewer has ruled on this attribution yet." in page


def test_the_quote_page_lists_each_verdict_with_who_ruled_and_why_it_was_withdrawn(
    client, demo, reviewer, editor
):
    quote = patrushev_direct()
    services.quote_set_status(quote=quote, status="disputed", user=reviewer, note="Two outlets disagree.")
    services.quote_update(quote=quote, user=editor, text=quote.text + " sekali lagi")

    page = client.get(quote.get_absolute_url()).content.decode()

    assert "Verdict history" in page
    assert '<span class="badge disputed">Disputed</span>' in page
    assert "by rui-reviewer" in page and "Two outlets disagree." in page
    assert "Verdict “disputed” withdrawn: the words changed after review." in page
    assert "Words last changed" in page


def test_a_quote_never_ruled_has_no_verdict_history(client, demo):
    page = client.get(patrushev_direct().get_absolute_url()).content.decode()

    assert "Verdict history" not in page


def test_a_quote_page_says_when_it_was_last_updated_and_links_the_wikidata_id(client, demo):
    quote = patrushev_direct()
    Speaker.objects.filter(pk=quote.speaker_id).update(wikidata_id="Q319437")

    page = client.get(quote.get_absolute_url()).content.decode()

    assert "Last updated <time datetime=" in page
    assert (
        '<a class="tap" href="https://www.wikidata.org/wiki/Q319437" rel="noopener">Wikidata Q319437</a>'
        in page
    )


def test_the_speaker_list_links_wikidata_ids(client, demo):
    Speaker.objects.filter(slug="wang-yi").update(wikidata_id="Q17860")

    page = client.get(reverse("quotes:speaker-list")).content.decode()

    assert 'href="https://www.wikidata.org/wiki/Q17860"' in page


@pytest.mark.parametrize(
    "url", ["/", "/?said_after=bad", "/speakers/", "/speakers/wang-yi/", "quote", "source"]
)
def test_every_reader_page_has_one_h1(client, demo, url):
    quote = patrushev_direct()
    url = {"quote": quote.get_absolute_url(), "source": f"/sources/{quote.citations.get().source_id}/"}.get(
        url, url
    )

    page = client.get(url).content.decode()

    assert page.count("<h1") == 1


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_api_docs_pages_declare_their_language_and_fetch_nothing_from_elsewhere(client, db, url):
    page = client.get(url).content.decode()

    assert '<html lang="en">' in page
    assert "fonts.googleapis.com" not in page
    assert "cdn" not in page.lower()


@pytest.mark.parametrize("page", ["speaker", "source"])
def test_speaker_and_source_pages_use_a_constant_number_of_queries(
    client, demo, django_assert_max_num_queries, page
):
    quote = patrushev_direct()
    for n in range(30):
        extra = Quote.objects.create(speaker=quote.speaker, text=f"Extra words {n}", language="id")
        Citation.objects.create(quote=extra, source=quote.citations.get().source)
    url = (
        quote.speaker.get_absolute_url()
        if page == "speaker"
        else f"/sources/{quote.citations.get().source_id}/"
    )

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200


def test_a_speaker_csv_download_is_named_after_the_speaker(client, demo):
    response = client.get("/speakers/wang-yi/", {"format": "csv"})

    assert response["Content-Disposition"] == 'attachment; filename="quotes-wang-yi.csv"'
    assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == 1


def test_the_speaker_list_drops_an_empty_search_and_pages_through_many_speakers(client, demo, monkeypatch):
    monkeypatch.setattr("quotes.pages.SPEAKERS_PAGE_SIZE", 1)

    assert client.get("/speakers/?q=")["Location"] == "/speakers/"
    response = client.get("/speakers/", {"page": 2})

    assert [s.slug for s in response.context["speakers"]] == ["wang-yi"]
    assert 'rel="prev" href="?"' in response.content.decode()  # page 1 has no page parameter


def test_a_malformed_wikidata_search_on_the_speaker_list_is_named_in_words(client, demo):
    response = client.get("/speakers/", {"wikidata": "Q0"})

    assert response.status_code == 400
    assert "Wikidata ID: " in response.content.decode()
