"""Source metadata and dates: publication time, byline, dateline, outlet, language, said_on."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from quotes.extraction import extract_article

BODY = (
    "Seorang pejabat senior pada hari itu berbicara panjang lebar kepada para wartawan "
    "tentang rencana kerja sama kedua negara."
)
EN_BODY = "Officials spoke at length to reporters about the plan for the two countries to cooperate."


def article(header: str, dateline: str = "", body: str = BODY) -> str:
    return f"{header}\n\nJudul Berita Contoh untuk Pengujian\n\n{dateline}{body}"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Rabu 20 Sep 2023 14:35 WIB",
            datetime(2023, 9, 20, 14, 35, tzinfo=timezone(timedelta(hours=7))),
        ),
        (
            "Selasa, 5 November 2024 | 16:45 WITA",
            datetime(2024, 11, 5, 16, 45, tzinfo=timezone(timedelta(hours=8))),
        ),
        (
            "Sabtu, 09/12/2023 - 19:05 WIT",
            datetime(2023, 12, 9, 19, 5, tzinfo=timezone(timedelta(hours=9))),
        ),
        (
            "Published: 18 June 2024 07:45 BST",
            datetime(2024, 6, 18, 7, 45, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("March 5, 2024 3:12 PM GMT", datetime(2024, 3, 5, 15, 12, tzinfo=UTC)),
        (
            "September 12, 2023 9:00 AM ET",
            datetime(2023, 9, 12, 9, 0, tzinfo=timezone(timedelta(hours=-4))),
        ),
        (
            "Updated 6:05 PM EDT, Thu October 3, 2024",
            datetime(2024, 10, 3, 18, 5, tzinfo=timezone(timedelta(hours=-4))),
        ),
        (
            "2024-02-08T16:20:00+01:00",
            datetime(2024, 2, 8, 16, 20, tzinfo=timezone(timedelta(hours=1))),
        ),
    ],
)
def test_it_reads_the_publication_time_with_its_timezone(header, expected):
    published = extract_article(article(header)).source.published_at
    assert published == expected
    assert published.utcoffset() == expected.utcoffset()


def test_a_bare_publication_date_has_day_precision_and_an_assumed_timezone():
    source = extract_article(article("January 22, 2024", body=EN_BODY), language="en").source
    assert source.published_at.date() == date(2024, 1, 22)
    assert source.published_precision == "day"
    assert source.published_timezone_assumed is True


def test_a_given_publication_time_overrides_the_one_in_the_text():
    given = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
    assert (
        extract_article(article("Rabu 20 Sep 2023 14:35 WIB"), published_at=given).source.published_at
        == given
    )


@pytest.mark.parametrize(
    ("byline", "authors", "editors"),
    [
        ("Rep: Rizky Jaramaya/ Red: Esthi Maharani", ("Rizky Jaramaya",), ("Esthi Maharani",)),
        (
            "Penulis: Andi Rahmawati | Editor: Syamsul Bahri",
            ("Andi Rahmawati",),
            ("Syamsul Bahri",),
        ),
        ("Oleh: Yohanes Wenda", ("Yohanes Wenda",), ()),
        ("By Grace Whitfield and Tom Fielding", ("Grace Whitfield", "Tom Fielding"), ()),
    ],
)
def test_it_separates_reporters_from_editors_in_the_byline(byline, authors, editors):
    source = extract_article(f"Judul Berita Contoh untuk Pengujian\n\n{byline}\n\n{BODY}").source
    assert (source.authors, source.editors) == (authors, editors)


def test_it_reads_wire_credits_at_the_end_of_the_article():
    text = f"A headline for the test\n\n{EN_BODY}\n\nReporting by Tom Fielding; Editing by Anna Kersey"
    source = extract_article(text).source
    assert (source.authors, source.editors) == (("Tom Fielding",), ("Anna Kersey",))


@pytest.mark.parametrize(
    ("dateline", "place", "outlet", "domain"),
    [
        ("REPUBLIKA.CO.ID, MOSKOW -- ", "Moskow", "Republika", "republika.co.id"),
        ("MAKASSAR, SUARASULAWESI.ID - ", "Makassar", "Suarasulawesi", "suarasulawesi.id"),
        ("Kupang (ANTARA) - ", "Kupang", "ANTARA", ""),
        ("LONDON, March 5 (Northwire) - ", "London", "Northwire", ""),
        ("PORTLAND, Maine — ", "Portland, Maine", "", ""),
        ("NEW YORK — ", "New York", "", ""),
    ],
)
def test_it_reads_the_dateline_place_and_outlet(dateline, place, outlet, domain):
    source = extract_article(article("Rabu 20 Sep 2023 14:35 WIB", dateline)).source
    assert (source.dateline_place, source.outlet_name, source.outlet_domain) == (
        place,
        outlet,
        domain,
    )


def test_the_url_gives_the_outlet_domain_when_the_text_does_not():
    source = extract_article(article("Rabu 20 Sep 2023 14:35 WIB"), url="https://www.kompas.com/a/b").source
    assert (source.outlet_domain, source.outlet_name) == ("kompas.com", "Kompas")


def test_the_title_is_the_first_header_line_that_is_not_a_date_or_byline():
    assert (
        extract_article(article("Rabu 20 Sep 2023 14:35 WIB")).source.title
        == "Judul Berita Contoh untuk Pengujian"
    )


@pytest.mark.parametrize(("text", "language"), [(BODY, "id"), (EN_BODY, "en")])
def test_it_detects_the_language_from_frequent_words(text, language):
    assert extract_article(text).source.language == language


def test_a_given_language_is_kept():
    assert extract_article(BODY, language="en").source.language == "en"


# --- the day words were said ---------------------------------------------------------------


def said_on(sentence: str, header: str = "Rabu 20 Sep 2023 14:35 WIB"):
    text = article(header, body=f"Menteri Dalam Negeri Budi Santoso berbicara kepada wartawan. {sentence}")
    quotes = extract_article(text).quotes
    assert quotes, "no quote found"
    return quotes[-1].said_on, quotes[-1].said_on_precision


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“Kami siap bekerja sama,” kata Budi pada Selasa (19/9/2023).",
            (date(2023, 9, 19), "day"),
        ),
        ("“Kami siap bekerja sama,” kata Budi, Selasa (19/9).", (date(2023, 9, 19), "day")),
        ("“Kami siap bekerja sama,” kata Budi kemarin.", (date(2023, 9, 19), "day")),
        ("“Kami siap bekerja sama,” kata Budi, Senin.", (date(2023, 9, 18), "day")),
        ("“Kami siap bekerja sama,” kata Budi pada 19 September 2023.", (date(2023, 9, 19), "day")),
        (
            "“Kami siap bekerja sama,” kata Budi dalam wawancara pada Juni 2021.",
            (date(2021, 6, 1), "month"),
        ),
        ("“Kami siap bekerja sama,” kata Budi dalam pidato pada 2019.", (date(2019, 1, 1), "year")),
        ("“Kami siap bekerja sama,” kata Budi.", (None, "")),
    ],
)
def test_it_dates_a_quote_from_its_attribution(sentence, expected):
    assert said_on(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('"We are ready to work together," Santoso said on Tuesday.', date(2023, 9, 19)),
        ('"We are ready to work together," Santoso said yesterday.', date(2023, 9, 19)),
        (
            '"We are ready to work together," Santoso said in a speech on Sept. 18.',
            date(2023, 9, 18),
        ),
    ],
)
def test_it_resolves_english_weekdays_and_yesterday_against_the_publication_date(sentence, expected):
    assert said_on(sentence)[0] == expected


def test_the_date_given_for_a_speaker_carries_over_to_later_quotes():
    text = article(
        "Rabu 20 Sep 2023 14:35 WIB",
        body="Menteri Dalam Negeri Budi Santoso pada Selasa (19/9/2023) menerima tamu dari Jepang.\n\n"
        "“Kami siap bekerja sama dengan siapa pun,” kata Budi.",
    )
    [quote] = extract_article(text).quotes
    assert quote.said_on == date(2023, 9, 19)


def test_a_future_date_is_never_taken_as_the_day_words_were_said():
    assert said_on("“Kami siap bekerja sama,” kata Budi yang akan berangkat pada Jumat (22/9/2023).") == (
        None,
        "",
    )


def test_relative_dates_are_dropped_without_a_publication_date():
    text = "Menteri Dalam Negeri Budi Santoso berbicara. “Kami siap bekerja sama,” kata Budi kemarin."
    [quote] = extract_article(text).quotes
    assert quote.said_on is None


def test_a_job_title_after_the_byline_name_is_not_a_second_author():
    source = extract_article(
        f"A headline for the test\n\nBy Megan Aldridge, Local Democracy Reporter\n\n{EN_BODY}"
    ).source
    assert source.authors == ("Megan Aldridge",)
