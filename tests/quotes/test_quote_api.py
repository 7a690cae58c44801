"""The public quote API: reading, filtering, paginating, and refusing bad input with a 400."""

from datetime import date

import pytest
from django.db import connection

from quotes.models import Citation, Quote, Speaker, SpeakerAlias, Tag
from sources.models import Outlet, Source

QUOTES = "/api/v1/quotes/"


def make_quote(speaker, text, *, said_on=None, precision="", language="en", **fields):
    quote = Quote(
        speaker=speaker, text=text, language=language, said_on=said_on, said_on_precision=precision, **fields
    )
    quote.full_clean()
    quote.save()
    return quote


@pytest.fixture
def horta(db):
    """A speaker with an accented name and an alias, quoted at every date precision."""
    speaker = Speaker(name="José Ramos-Horta", slug="jose-ramos-horta", wikidata_id="Q193711")
    speaker.full_clean()
    speaker.save()
    SpeakerAlias.objects.create(speaker=speaker, name="Ramos Horta")
    quotes = {
        "year": make_quote(
            speaker, "Words known only to the year", said_on=date(2023, 1, 1), precision="year"
        ),
        "month": make_quote(speaker, "Words known to the month", said_on=date(2023, 6, 1), precision="month"),
        "day": make_quote(speaker, "Words known to the day", said_on=date(2023, 6, 15), precision="day"),
        "undated": make_quote(speaker, "Words never dated"),
    }
    return speaker, quotes


def ids(response):
    return {quote["id"] for quote in response.json()["results"]}


def texts(response):
    return {quote["text"] for quote in response.json()["results"]}


def error_parameters(response):
    return [error.get("parameter") for error in response.json()["errors"]]


# The seed lookups named in the issue ------------------------------------------------------------------------


def test_it_finds_patrushevs_quotes_by_name_with_role_date_language_and_citation(client, demo):
    response = client.get(QUOTES, {"speaker_name": "patrushev"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 4
    assert {quote["speaker"]["name"] for quote in results} == {"Nikolai Patrushev"}
    quote = next(q for q in results if q["text"].startswith("Di tengah kampanye"))
    assert quote["role"]["title"] == "Secretary of the Security Council of Russia"
    assert (quote["said_on"], quote["said_on_precision"]) == ("2023-09-19", "day")
    assert quote["said_on_approximate"] is False
    assert quote["language"] == "id"
    assert quote["original_language"] == "ru"
    [citation] = quote["citations"]
    assert citation["locator"] == "paragraph 2"
    assert citation["source"]["title"] == "Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat"
    assert citation["source"]["outlet"] == {
        "name": "Republika",
        "slug": "republika",
        "domain": "republika.co.id",
    }
    assert citation["source"]["published_at"] == "2023-09-20T14:35:00+07:00"
    assert citation["source"]["authors"] == ["Rizky Jaramaya"]


def test_it_finds_wang_yis_quote_by_a_word_of_its_text(client, demo):
    response = client.get(QUOTES, {"q": "hegemoni"})

    assert response.status_code == 200
    [quote] = response.json()["results"]
    assert quote["speaker"]["slug"] == "wang-yi"
    assert "hegemoni unilateral" in quote["text"]


def test_it_rejects_a_malformed_said_after_with_400_not_500(client, demo):
    response = client.get(QUOTES, {"said_after": "19-09-2023"})

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["parameter"] == "said_after"
    assert "YYYY" in error["message"]


# The shape of a quote -------------------------------------------------------------------------------------


def test_a_quote_carries_everything_needed_to_cite_it(client, demo):
    quote = Quote.objects.get(text__startswith="Semakin keras")

    response = client.get(f"{QUOTES}{quote.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert list(body) == [
        "id",
        "url",
        "permalink",
        "text",
        "language",
        "original_language",
        "type",
        "speaker",
        "role",
        "said_on",
        "said_on_precision",
        "said_on_latest",
        "said_on_approximate",
        "place",
        "context",
        "tags",
        "status",
        "status_note",
        "reviewed_at",
        "other_attributions",
        "citations",
        "created_at",
        "updated_at",
    ]
    assert body["permalink"] == f"http://testserver/quotes/{quote.pk}/"
    assert body["url"] == f"http://testserver/api/v1/quotes/{quote.pk}/"
    assert body["speaker"] == {
        "id": quote.speaker_id,
        "url": "http://testserver/api/v1/speakers/wang-yi/",
        "name": "Wang Yi",
        "slug": "wang-yi",
        "wikidata_id": None,
    }
    assert body["said_on_approximate"] is True
    assert body["original_language"] == "zh"
    assert {tag["slug"] for tag in body["tags"]} == {"geopolitics", "russiachina-relations"}
    assert body["citations"][0]["source"]["language"] == "id"


def test_a_quote_lists_the_other_speakers_to_whom_the_same_words_are_attributed(client, demo, horta):
    speaker, _ = horta
    original = Quote.objects.get(text__startswith="Semakin keras")
    copy = make_quote(speaker, original.text.upper() + "!", language="id", status=Quote.Status.UNVERIFIED)

    response = client.get(f"{QUOTES}{original.pk}/")

    assert response.status_code == 200
    [other] = response.json()["other_attributions"]
    assert other["id"] == copy.pk
    assert other["speaker"]["name"] == "José Ramos-Horta"
    assert other["status"] == "unverified"


def test_a_month_precision_date_is_given_as_year_and_month(client, horta):
    _, quotes = horta

    body = client.get(f"{QUOTES}{quotes['month'].pk}/").json()

    assert (body["said_on"], body["said_on_precision"], body["said_on_latest"]) == (
        "2023-06",
        "month",
        "2023-06-30",
    )


def test_an_unknown_quote_id_is_a_404_with_a_json_error(client, db):
    response = client.get(f"{QUOTES}999999/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


# Filters --------------------------------------------------------------------------------------------------


def test_speaker_accepts_an_id_a_slug_or_a_wikidata_id(client, demo, horta):
    speaker, quotes = horta

    by_id = client.get(QUOTES, {"speaker": speaker.pk})
    by_slug = client.get(QUOTES, {"speaker": "jose-ramos-horta"})
    by_qid = client.get(QUOTES, {"speaker": "q193711"})

    assert ids(by_id) == ids(by_slug) == ids(by_qid) == {q.pk for q in quotes.values()}


def test_speaker_can_be_repeated_for_quotes_by_any_of_several_speakers(client, demo, horta):
    response = client.get(QUOTES, {"speaker": ["wang-yi", "jose-ramos-horta"]})

    assert {q["speaker"]["slug"] for q in response.json()["results"]} == {"wang-yi", "jose-ramos-horta"}


def test_an_unknown_speaker_is_a_400_naming_the_parameter(client, demo):
    response = client.get(QUOTES, {"speaker": "nobody-at-all"})

    assert response.status_code == 400
    assert error_parameters(response) == ["speaker"]
    assert "nobody-at-all" in response.json()["errors"][0]["message"]


def test_a_malformed_wikidata_id_in_speaker_is_a_400(client, demo):
    response = client.get(QUOTES, {"speaker": "Q0123"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_wikidata_id"


@pytest.mark.parametrize("name", ["patrushev", "PATRUSHEV", "Николай Патрушев", "platonovich"])
def test_speaker_name_matches_names_and_aliases_ignoring_case(client, demo, name):
    response = client.get(QUOTES, {"speaker_name": name})

    assert {q["speaker"]["slug"] for q in response.json()["results"]} == {"nikolai-patrushev"}


def test_speaker_name_ignores_accents_both_ways(client, horta):
    _, quotes = horta

    plain = client.get(QUOTES, {"speaker_name": "jose ramos"})
    accented = client.get(QUOTES, {"speaker_name": "RAMÓS HÓRTA"})

    assert ids(plain) == ids(accented) == {q.pk for q in quotes.values()}


def test_q_finds_words_in_the_text_only(client, demo):
    response = client.get(QUOTES, {"q": "mendiskreditkan"})

    assert texts(response) == {"isu-isu itu digunakan oleh Barat untuk mendiskreditkan Cina"}


@pytest.mark.postgres
def test_q_on_postgresql_matches_whole_words_and_ranks_better_matches_first(client, horta):
    speaker, _ = horta
    once = make_quote(speaker, "The river matters to the valley")
    twice = make_quote(speaker, "River after river, the river decides")

    partial_word = client.get(QUOTES, {"q": "rive"})
    ranked = client.get(QUOTES, {"q": "river"})

    assert ids(partial_word) == set()
    assert [q["id"] for q in ranked.json()["results"]] == [twice.pk, once.pk]


@pytest.mark.postgres
def test_q_on_postgresql_supports_web_search_syntax(client, horta):
    speaker, _ = horta
    make_quote(speaker, "Harga beras naik di pasar")
    wanted = make_quote(speaker, "Harga cabai naik di pasar")

    response = client.get(QUOTES, {"q": "harga -beras"})

    assert ids(response) == {wanted.pk}


@pytest.mark.postgres
def test_q_on_postgresql_uses_the_full_text_index(horta):
    from django.db import connection

    from quotes.filters import QuoteSearchVector, quote_search_query

    queryset = (
        Quote.objects.alias(search=QuoteSearchVector()).filter(search=quote_search_query("river")).order_by()
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")

    assert "quote_search_vector_idx" in plan


def test_language_type_and_status_filter_exactly(client, demo, horta):
    _, quotes = horta

    assert ids(client.get(QUOTES, {"language": "en"})) == {q.pk for q in quotes.values()}
    assert len(ids(client.get(QUOTES, {"type": "indirect"}))) == 3
    assert ids(client.get(QUOTES, {"status": "verified"})) == set()


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("type", "shouted"),
        ("status", "true-ish"),
        ("language", "english language"),
        ("has_citation", "maybe"),
        ("ordering", "alphabetical"),
        ("source", "abc"),
        ("tag", "no-such-tag"),
        ("outlet", "no-such-outlet.example"),
        ("said_before", "2023-02-30"),
        ("said_after", "yesterday"),
        ("page_size", "ten"),
        ("cursor", "not-a-cursor"),
        ("format", "xml"),
    ],
)
def test_an_invalid_value_of_a_known_parameter_is_a_400_naming_it(client, demo, parameter, value):
    response = client.get(QUOTES, {parameter: value})

    assert response.status_code == 400
    assert error_parameters(response) == [parameter]
    assert response.json()["errors"][0]["message"]


def test_an_unknown_parameter_is_ignored(client, demo):
    response = client.get(QUOTES, {"speakr": "wang-yi"})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 5


class TestSaidAfterAndSaidBeforeHonourPrecision:
    def test_said_after_keeps_only_quotes_whose_whole_period_starts_on_or_after_the_date(self, client, horta):
        _, quotes = horta

        response = client.get(QUOTES, {"said_after": "2023-06-01"})

        assert ids(response) == {quotes["month"].pk, quotes["day"].pk}

    def test_a_quote_dated_only_2023_is_not_claimed_to_be_after_june_2023(self, client, horta):
        _, quotes = horta

        response = client.get(QUOTES, {"said_after": "2023-06"})

        assert quotes["year"].pk not in ids(response)

    def test_said_after_a_year_starts_at_its_first_day(self, client, horta):
        _, quotes = horta

        response = client.get(QUOTES, {"said_after": "2023"})

        assert ids(response) == {quotes["year"].pk, quotes["month"].pk, quotes["day"].pk}

    def test_said_before_judges_by_the_last_day_a_date_can_stand_for(self, client, horta):
        _, quotes = horta

        response = client.get(QUOTES, {"said_before": "2023-06-30"})

        assert ids(response) == {quotes["month"].pk, quotes["day"].pk}

    def test_said_before_a_month_includes_that_whole_month(self, client, horta):
        _, quotes = horta

        response = client.get(QUOTES, {"said_before": "2023-06"})

        assert ids(response) == {quotes["month"].pk, quotes["day"].pk}

    def test_a_month_dated_quote_is_not_claimed_to_be_before_mid_month(self, client, horta):
        _, quotes = horta

        response = client.get(QUOTES, {"said_before": "2023-06-20"})

        assert ids(response) == {quotes["day"].pk}

    def test_both_bounds_together_and_undated_quotes_are_left_out(self, client, horta):
        _, quotes = horta

        response = client.get(QUOTES, {"said_after": "2023", "said_before": "2023"})

        assert quotes["undated"].pk not in ids(response)
        assert len(ids(response)) == 3


def test_outlet_accepts_a_slug_or_a_domain(client, demo, horta):
    demo_quotes = set(
        Quote.objects.filter(citations__source__outlet__slug="republika").values_list("pk", flat=True)
    )

    by_slug = client.get(QUOTES, {"outlet": "republika"})
    by_domain = client.get(QUOTES, {"outlet": "www.republika.co.id"})

    assert ids(by_slug) == ids(by_domain) == demo_quotes


def test_source_and_source_url_find_the_quotes_a_source_cites(client, demo, horta):
    _, quotes = horta
    source = Source.objects.create(title="A horta interview", url="https://example.org/horta?utm_source=x")
    Citation.objects.create(quote=quotes["day"], source=source)

    by_id = client.get(QUOTES, {"source": source.pk})
    by_url = client.get(QUOTES, {"source_url": "https://EXAMPLE.org/horta/?utm_medium=y"})

    assert ids(by_id) == ids(by_url) == {quotes["day"].pk}


def test_an_unknown_source_id_is_a_400(client, demo):
    response = client.get(QUOTES, {"source": 999999})

    assert response.status_code == 400
    assert error_parameters(response) == ["source"]


def test_tag_can_be_repeated(client, demo):
    response = client.get(QUOTES, {"tag": ["taiwan", "belt-and-road"]})

    assert len(ids(response)) == 2


def test_has_citation_separates_cited_from_uncited_quotes(client, demo, horta):
    _, quotes = horta

    cited = client.get(QUOTES, {"has_citation": "true"})
    uncited = client.get(QUOTES, {"has_citation": "false"})

    assert len(ids(cited)) == 5
    assert ids(uncited) == {q.pk for q in quotes.values()}


# Ordering and pagination ----------------------------------------------------------------------------------


def test_quotes_come_latest_said_first_with_undated_quotes_last(client, horta):
    _, quotes = horta

    response = client.get(QUOTES)

    assert [q["id"] for q in response.json()["results"]] == [
        quotes["day"].pk,
        quotes["month"].pk,
        quotes["year"].pk,
        quotes["undated"].pk,
    ]


def test_ordering_by_publication_date_uses_the_first_citing_source(client, demo, horta):
    _, quotes = horta
    early = Source.objects.create(title="Early", published_at="2023-07-01T00:00:00Z")
    Citation.objects.create(quote=quotes["day"], source=early)

    response = client.get(QUOTES, {"ordering": "published", "has_citation": "true"})

    assert response.json()["results"][0]["id"] == quotes["day"].pk


def test_ordering_by_relevance_needs_a_search(client, demo):
    response = client.get(QUOTES, {"ordering": "relevance"})

    assert response.status_code == 400
    assert error_parameters(response) == ["ordering"]


def test_the_cursor_walks_every_quote_once_in_both_directions(client, demo, horta):
    pages, url = [], QUOTES + "?page_size=2"
    while url:
        body = client.get(url).json()
        pages.append([q["id"] for q in body["results"]])
        url = body["next"]
    back = client.get(body["previous"]).json()

    walked = [pk for page in pages for pk in page]
    assert len(walked) == len(set(walked)) == Quote.objects.count()
    assert [q["id"] for q in back["results"]] == pages[-2]


def test_the_cursor_is_stable_while_editors_add_quotes(client, demo, horta):
    speaker, _ = horta
    first = client.get(QUOTES, {"page_size": 3}).json()
    make_quote(speaker, "Added while a reader was paging", said_on=date(2024, 1, 1), precision="day")

    second = client.get(first["next"]).json()

    seen = [q["id"] for q in first["results"] + second["results"]]
    assert len(seen) == len(set(seen)) == 6


def test_a_cursor_from_another_ordering_is_refused(client, demo):
    next_url = client.get(QUOTES, {"page_size": 2}).json()["next"]

    response = client.get(next_url + "&ordering=said_on")

    assert response.status_code == 400
    assert error_parameters(response) == ["cursor"]


def test_a_page_size_over_the_maximum_is_a_400_naming_page_size(client, demo, settings):
    settings.API_MAX_PAGE_SIZE = 50

    response = client.get(QUOTES, {"page_size": 51})

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["parameter"] == "page_size"
    assert "50" in error["message"]


def test_the_list_never_counts_the_table(client, demo):
    body = client.get(QUOTES).json()

    assert set(body) == {"next", "previous", "results"}


# Query counts ---------------------------------------------------------------------------------------------


@pytest.fixture
def many_quotes(demo):
    """Forty quotes by four speakers, each with tags, two citations and a shared-words twin."""
    outlet = Outlet.objects.get(slug="republika")
    sources = [
        Source.objects.create(title=f"Source {n}", outlet=outlet, published_at="2023-10-01T00:00:00Z")
        for n in range(2)
    ]
    tags = [Tag.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in range(3)]
    speakers = [Speaker.objects.create(name=f"Speaker {n}", slug=f"speaker-{n}") for n in range(4)]
    for n in range(40):
        quote = make_quote(
            speakers[n % 4], f"Words number {n // 2}", said_on=date(2023, 1, 1 + n % 28), precision="day"
        )
        quote.tags.set(tags)
        for source in sources:
            Citation.objects.create(quote=quote, source=source)


def test_a_list_takes_the_same_number_of_queries_whatever_the_page_size(
    client, many_quotes, django_assert_num_queries
):
    # Change token, then on PostgreSQL the page's ids and the page built as JSON; elsewhere quotes,
    # tags, citations with sources and outlets, bylines, other attributions.
    queries = 3 if connection.vendor == "postgresql" else 6
    with django_assert_num_queries(queries):
        client.get(QUOTES, {"page_size": 1})
    with django_assert_num_queries(queries):
        response = client.get(QUOTES, {"page_size": 45})

    assert len(response.json()["results"]) == 45


def test_a_filtered_speaker_list_of_quotes_stays_within_a_constant_query_budget(
    client, many_quotes, django_assert_num_queries
):
    # The speaker, the tag named in the filter, then the queries of any quote list.
    with django_assert_num_queries(5 if connection.vendor == "postgresql" else 8):
        response = client.get("/api/v1/speakers/speaker-1/quotes/", {"page_size": 100, "tag": "topic-1"})

    assert len(response.json()["results"]) == 10
