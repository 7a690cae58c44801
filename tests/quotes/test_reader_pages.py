import json

import pytest
from django.urls import reverse

from quotes.models import Citation, Quote, Speaker

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


def test_a_malformed_filter_is_explained_on_the_page_with_400(client, demo):
    response = client.get(reverse("quotes:quote-list"), {"said_after": "19/9/2023"})

    assert response.status_code == 400
    assert "said_after" in response.content.decode()
    assert "YYYY" in response.content.decode()


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
