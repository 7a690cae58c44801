"""Exports: every list as flat CSV and as schema.org JSON-LD, chosen by ?format= or the Accept header."""

import csv
import io

from pyld import jsonld

from quotes.models import Quote, Speaker
from sources.models import Source

QUOTES = "/api/v1/quotes/"
SCHEMA = "http://schema.org/"  # pyld expands https://schema.org/ terms as written
S = "https://schema.org/"


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def expanded(response):
    """Parse the JSON-LD the way a consumer does: expanded to full IRIs."""
    return jsonld.expand(response.json())


def nodes_of_type(graph, type_name):
    return [node for node in graph if f"{S}{type_name}" in node.get("@type", [])]


# CSV ------------------------------------------------------------------------------------------------------


def test_csv_has_one_row_per_quote_and_citation(client, demo):
    second = Source.objects.create(title="Second report")
    quote = Quote.objects.get(text__startswith="Semakin keras")
    quote.citations.create(source=second, locator="p. 2")
    Quote.objects.create(speaker=quote.speaker, text="Never cited", language="en")

    response = client.get(QUOTES, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert len(rows) == 7  # 4 quotes with one citation, one with two, one with none
    assert sorted(row["source_title"] for row in rows if row["quote_id"] == str(quote.pk)) == [
        "Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat",
        "Second report",
    ]
    uncited = next(row for row in rows if row["text"] == "Never cited")
    assert uncited["citation_id"] == ""


def test_csv_columns_say_everything_the_json_says_flat(client, demo):
    response = client.get(QUOTES, {"speaker_name": "patrushev", "type": "direct"}, HTTP_ACCEPT="text/csv")

    [row] = csv_rows(response)
    assert row["speaker_name"] == "Nikolai Patrushev"
    assert row["role"].startswith("Secretary of the Security Council of Russia")
    assert (row["said_on"], row["said_on_precision"]) == ("2023-09-19", "day")
    assert row["source_published_at"] == "2023-09-20T14:35:00+07:00"
    assert row["outlet_domain"] == "republika.co.id"
    assert row["source_authors"] == "Rizky Jaramaya"
    assert row["tags"] == "Geopolitics; Russia–China relations"
    assert row["quote_url"] == f"http://testserver/api/v1/quotes/{row['quote_id']}/"


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(client, demo):
    speaker = Speaker.objects.get(slug="wang-yi")
    Quote.objects.create(speaker=speaker, text='=HYPERLINK("http://evil")', language="en")

    [row] = csv_rows(client.get(QUOTES, {"format": "csv", "has_citation": "false"}))

    assert row["text"] == '\'=HYPERLINK("http://evil")'


def test_errors_stay_json_when_csv_was_asked_for(client, demo):
    response = client.get(QUOTES, {"format": "csv", "said_after": "later"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["parameter"] == "said_after"


def test_speakers_and_sources_export_as_csv_too(client, demo):
    speakers = csv_rows(client.get("/api/v1/speakers/", {"format": "csv"}))
    sources = csv_rows(client.get("/api/v1/sources/", {"format": "csv"}))

    assert {row["slug"] for row in speakers} == {"nikolai-patrushev", "wang-yi"}
    assert sources[0]["outlet.domain"] == "republika.co.id"
    assert sources[0]["published_at"] == "2023-09-20T14:35:00+07:00"


# JSON-LD --------------------------------------------------------------------------------------------------


def test_jsonld_describes_each_quote_as_a_schema_org_quotation(client, demo):
    response = client.get(
        QUOTES, {"speaker_name": "patrushev", "type": "direct"}, HTTP_ACCEPT="application/ld+json"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    [quotation] = nodes_of_type(expanded(response), "Quotation")
    assert quotation[f"{S}text"][0]["@value"].startswith("Di tengah kampanye")
    assert quotation[f"{S}inLanguage"][0]["@value"] == "id"
    assert quotation[f"{S}dateCreated"][0]["@value"] == "2023-09-19"
    [speaker] = quotation[f"{S}spokenByCharacter"]
    assert speaker["@type"] == [f"{S}Person"]
    assert speaker[f"{S}name"][0]["@value"] == "Nikolai Patrushev"
    [citation] = quotation[f"{S}citation"]
    assert citation["@type"] == [f"{S}NewsArticle"]
    assert citation[f"{S}datePublished"][0]["@value"] == "2023-09-20T14:35:00+07:00"
    assert citation[f"{S}publisher"][0][f"{S}url"][0]["@id"] == "https://republika.co.id/"


def test_jsonld_adds_a_claim_review_for_quotes_with_a_verdict(client, demo, reviewer):
    quote = Quote.objects.get(text__startswith="Semakin keras")
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.MISATTRIBUTED, status_note="Said by Lavrov.")

    graph = expanded(client.get(QUOTES, {"format": "jsonld"}))

    [review] = nodes_of_type(graph, "ClaimReview")
    assert review[f"{S}reviewRating"][0][f"{S}alternateName"][0]["@value"] == "Misattributed"
    assert review[f"{S}reviewBody"][0]["@value"] == "Said by Lavrov."
    assert review[f"{S}itemReviewed"][0]["@type"] == [f"{S}Claim"]
    assert len(nodes_of_type(graph, "Quotation")) == 5


def test_a_wikidata_id_becomes_same_as(client, demo):
    Speaker.objects.filter(slug="wang-yi").update(wikidata_id="Q318694")

    graph = expanded(client.get(QUOTES, {"format": "jsonld", "speaker": "wang-yi"}))

    [quotation] = nodes_of_type(graph, "Quotation")
    speaker = quotation[f"{S}spokenByCharacter"][0]
    assert speaker[f"{S}sameAs"] == [{"@id": "https://www.wikidata.org/wiki/Q318694"}]


def test_a_single_quote_exports_as_jsonld(client, demo):
    quote = Quote.objects.first()

    graph = expanded(client.get(f"{QUOTES}{quote.pk}/", {"format": "jsonld"}))

    [quotation] = nodes_of_type(graph, "Quotation")
    assert quotation["@id"] == f"http://testserver/api/v1/quotes/{quote.pk}/"


def test_speakers_export_as_schema_org_people(client, demo):
    graph = expanded(client.get("/api/v1/speakers/", {"format": "jsonld"}))

    people = nodes_of_type(graph, "Person")
    assert {p[f"{S}name"][0]["@value"] for p in people} == {"Nikolai Patrushev", "Wang Yi"}
