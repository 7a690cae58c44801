"""The article quote extractor: which quotes it finds and whom it attributes them to."""

import json
from datetime import date

import pytest

from quotes.extraction import ExtractionResult, extract_article
from tests.shared_data import seed_article_path


def direct(result: ExtractionResult):
    return [q for q in result.quotes if q.type == "direct"]


def indirect(result: ExtractionResult):
    return [q for q in result.quotes if q.type == "indirect"]


def quote_starting(result: ExtractionResult, prefix: str):
    matches = [q for q in result.quotes if q.text.startswith(prefix)]
    assert matches, f"no quote starts with {prefix!r}: {[q.text for q in result.quotes]}"
    return matches[0]


@pytest.fixture(scope="module")
def seed() -> ExtractionResult:
    # The example article the product was designed from lies beside the checkout (../shared).
    return extract_article(seed_article_path().read_text(encoding="utf-8"))


# --- the seed article (Republika, 20 September 2023) ---------------------------------------


def test_it_finds_both_direct_quotes_of_the_seed_article_and_their_speakers(seed):
    assert [(q.text.split()[:3], q.speaker) for q in direct(seed)] == [
        (["Di", "tengah", "kampanye"], "Nikolai Patrushev"),
        (["Semakin", "keras", "tindakan"], "Wang Yi"),
    ]


def test_it_gives_patrushev_his_role_and_the_day_he_spoke(seed):
    quote = quote_starting(seed, "Di tengah kampanye")
    assert quote.speaker_role == "Sekretaris Dewan Keamanan Rusia"
    assert quote.cue == "kata"
    assert (quote.said_on, quote.said_on_precision) == (date(2023, 9, 19), "day")


def test_it_reports_patrushevs_indirect_statements(seed):
    statements = {q.text.split()[0]: q.speaker for q in indirect(seed)}
    assert statements["Moskow"] == "Nikolai Patrushev"
    assert statements["isu-isu"] == "Nikolai Patrushev"


def test_it_never_dates_wangs_quote_on_the_publication_day(seed):
    quote = quote_starting(seed, "Semakin keras")
    assert quote.said_on != seed.source.published_at.date()
    assert quote.speaker_role == "Menteri Luar Negeri Cina"


def test_quote_offsets_and_paragraphs_locate_the_seed_quotes(seed):
    for quote in seed.quotes:
        assert seed.text[quote.start : quote.end] == quote.text
        assert quote.text in quote.excerpt
        assert quote.paragraph >= 1


# --- speakers ----------------------------------------------------------------------------


def test_it_resolves_a_pronoun_to_the_last_named_speaker():
    result = extract_article(
        "Museum director Isabelle Fournier opened the exhibition on Thursday.\n\n"
        '"We are returning what was never ours," she said.',
        language="en",
    )
    assert quote_starting(result, "We are returning").speaker == "Isabelle Fournier"


def test_it_resolves_dia_ia_and_beliau_to_the_person_named_before():
    result = extract_article(
        "Acara itu dipimpin oleh pengasuh pesantren, KH Zainal Arifin Mahmud.\n\n"
        "“Perbedaan pilihan itu biasa, asal jangan saling memfitnah,” tutur beliau.\n\n"
        "Kepala Desa Sidareja, Slamet Haryono, hadir bersama warga.\n\n"
        "“Warga kami datang sejak sore dan pulang paling akhir,” kata dia.",
        language="id",
    )
    assert quote_starting(result, "Perbedaan pilihan").speaker == "Zainal Arifin Mahmud"
    assert quote_starting(result, "Warga kami datang").speaker == "Slamet Haryono"


def test_it_expands_a_short_name_to_the_full_name_introduced_earlier():
    result = extract_article(
        "Britain's Foreign Secretary Helen Marsh met aid agencies in London.\n\n"
        '"This money will reach people within weeks, not months," Marsh told reporters.',
        language="en",
    )
    quote = quote_starting(result, "This money")
    assert quote.speaker == "Helen Marsh"
    assert quote.speaker_role == "Britain's Foreign Secretary"


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Pedagang beras Nurhayati mengeluhkan harga.\n\n“Sudah tiga minggu pembeli berkurang,” "
            "kata Nurhayati. “Biasanya saya bisa jual dua karung sehari.”",
            "Sudah tiga minggu pembeli berkurang",
            "Biasanya saya bisa jual dua karung sehari.",
        ),
        (
            'Councillor Peter Hale backed the plan.\n\n"If people use it, we will keep it," '
            'he said, "and if they do not, we will stop it."',
            "If people use it, we will keep it",
            "and if they do not, we will stop it.",
        ),
    ],
)
def test_it_splits_a_quote_interrupted_by_its_cue_into_two_quotes_by_the_same_speaker(text, first, second):
    result = extract_article(text)
    assert [q.text for q in direct(result)] == [first, second]
    assert direct(result)[0].speaker == direct(result)[1].speaker != ""


def test_it_keeps_a_nested_quote_inside_the_outer_quote():
    result = extract_article(
        "Pelatih Persik, Marcelo Andrade, memuji anak asuhnya.\n\n"
        "“Saat jeda saya bilang, ‘Mainlah dengan berani.’ Mereka menjawabnya di lapangan,” "
        "ungkap Andrade."
    )
    assert [q.text for q in direct(result)] == [
        "Saat jeda saya bilang, ‘Mainlah dengan berani.’ Mereka menjawabnya di lapangan"
    ]
    assert direct(result)[0].speaker == "Marcelo Andrade"


def test_a_quote_that_runs_over_several_paragraphs_is_one_quote_per_paragraph_of_its_speaker():
    text = (
        "Rektor Universitas Cenderawasih Prof. Markus Yikwa melepas para wisudawan.\n\n"
        "“Ijazah ini bukan tiket untuk pergi dan tidak kembali.\n\n"
        "“Tanah Papua butuh guru dan perawat yang mengerti adatnya sendiri,” kata Markus."
    )
    result = extract_article(text)
    assert [(q.text, q.speaker, q.paragraph) for q in direct(result)] == [
        ("Ijazah ini bukan tiket untuk pergi dan tidak kembali.", "Markus Yikwa", 2),
        ("Tanah Papua butuh guru dan perawat yang mengerti adatnya sendiri", "Markus Yikwa", 3),
    ]


def test_it_skips_titles_scare_quotes_and_short_terms():
    result = extract_article(
        "Film “Senja di Pelabuhan Tua” dinobatkan sebagai “film terbaik”. Juri menilai film itu "
        'menghindari “pornografi kemiskinan”. A report titled "Rivers at Risk: The State of '
        'Freshwater Life" describes a "silent collapse".'
    )
    assert direct(result) == []


def test_a_programme_title_in_the_sentence_of_a_cue_is_not_a_quote():
    result = extract_article(
        "Mayor Jean-Luc Berthod backed the vote.\n\n"
        "Speaking on Radio Lakeside’s “Morning Harbour,” Berthod said the ferry would run all winter."
    )
    assert direct(result) == []
    assert [q.speaker for q in result.quotes if q.type == "indirect"] == ["Jean-Luc Berthod"]


def test_it_attributes_a_quote_without_cue_to_the_speaker_of_the_previous_paragraph():
    result = extract_article(
        "Camat Pagentan, Imam Santosa, memastikan alat berat akan tiba pada Senin pagi.\n\n"
        "“Kami juga akan mengajukan anggaran perbaikan tebing tahun ini.”"
    )
    assert quote_starting(result, "Kami juga").speaker == "Imam Santosa"


def test_it_reads_interview_answers_as_quotes_of_the_interviewee():
    result = extract_article(
        "Lena Sorensen founded a charity that removes lost fishing nets from the sea.\n\n"
        "Q: How much gear is out there?\n\nA: Nobody knows exactly. Hundreds of thousands of "
        "tonnes.\n\nQ: Are you optimistic?\n\nA: On good days.",
        language="en",
    )
    assert [(q.text, q.speaker) for q in direct(result)] == [
        ("Nobody knows exactly. Hundreds of thousands of tonnes.", "Lena Sorensen"),
        ("On good days.", "Lena Sorensen"),
    ]


@pytest.mark.parametrize(
    "quoted",
    [
        "«Older people here do not bank online,»",
        "„Older people here do not bank online,“",
        "‘Older people here do not bank online,’",
    ],
)
def test_it_reads_guillemets_low_high_marks_and_british_single_quotes(quoted):
    result = extract_article(f"Mayor Jean-Luc Berthod backed the vote.\n\n{quoted} said Berthod.")
    assert [(q.text, q.speaker) for q in direct(result)] == [
        ("Older people here do not bank online", "Jean-Luc Berthod")
    ]


def test_a_curly_quotation_closed_by_a_straight_mark_ends_there():
    result = extract_article(
        "Mayor Jean-Luc Berthod backed the vote.\n\n"
        '“Older people here do not bank online," Berthod said. "They queue at the branch.”'
    )
    assert [(q.text, q.speaker) for q in direct(result)] == [
        ("Older people here do not bank online", "Jean-Luc Berthod"),
        ("They queue at the branch.", "Jean-Luc Berthod"),
    ]


def test_attribute_values_of_markup_left_in_the_text_are_not_quotations():
    result = extract_article(
        "Mayor Jean-Luc Berthod backed the vote.\n\n"
        '<post author="Harbour Watch" summary="The ferry will run all winter, every single day">'
        "The harbour board announced it this morning.</post>"
    )
    assert direct(result) == []


def test_straight_marks_nested_in_curly_ones_stay_inside_the_quotation():
    result = extract_article(
        "Mayor Jean-Luc Berthod backed the vote.\n\n"
        '“They call it "the queue" at the branch, and it is long,” Berthod said.'
    )
    assert [q.text for q in direct(result)] == ['They call it "the queue" at the branch, and it is long']


@pytest.mark.parametrize(
    ("role_and_name", "role"),
    [
        ("Menteri Luar Negeri Cina Wang Yi mengatakan", "Menteri Luar Negeri Cina"),
        ("Menteri Luar Negeri Cina, Wang Yi, mengatakan", "Menteri Luar Negeri Cina"),
        ("Foreign Minister Wang Yi said", "Foreign Minister"),
    ],
)
def test_it_separates_the_role_from_the_name(role_and_name, role):
    result = extract_article(f"{role_and_name}, “Kerja sama kedua negara harus terus diperdalam.”")
    [quote] = direct(result)
    assert (quote.speaker, quote.speaker_role) == ("Wang Yi", role)


@pytest.mark.parametrize(
    ("sentence", "clause", "speaker"),
    [
        (
            "Wali Kota Surabaya Hendra Wijayakusuma mengatakan kepada wartawan bahwa proyek itu "
            "rampung sebelum Oktober.",
            "proyek itu rampung sebelum Oktober",
            "Hendra Wijayakusuma",
        ),
        (
            "Kapolres Bantul AKBP Dwi Santoso hadir. Menurut dia, rem truk tidak berfungsi.",
            "rem truk tidak berfungsi",
            "Dwi Santoso",
        ),
        (
            "Prosecutor Daniel Moss said that Walsh had used nine different accounts.",
            "Walsh had used nine different accounts",
            "Daniel Moss",
        ),
        (
            "According to Daniel Ochieng, regional director of the charity, 300,000 people had fled.",
            "300,000 people had fled",
            "Daniel Ochieng",
        ),
        (
            "Alan Prior runs the firm. The work would create around 400 jobs, Prior said.",
            "The work would create around 400 jobs",
            "Alan Prior",
        ),
    ],
)
def test_it_extracts_indirect_speech_with_its_speaker(sentence, clause, speaker):
    result = extract_article(sentence)
    assert [(q.text, q.speaker) for q in indirect(result)] == [(clause, speaker)]


def test_it_leaves_statements_of_organisations_and_groups_out():
    result = extract_article(
        "The water regulator said on Tuesday that Southvale Water must cut leakage. "
        "Consumer groups said the ruling did not go far enough. Cina menyatakan bahwa mereka "
        "memiliki persahabatan tanpa batas dengan Rusia."
    )
    assert result.quotes == ()


def test_it_does_not_take_a_noun_phrase_object_for_reported_speech():
    result = extract_article(
        "Nikolai Patrushev menegaskan kembali dukungan Rusia terhadap kebijakan Beijing."
    )
    assert indirect(result) == []


def test_an_unnamed_speaker_stays_unknown():
    result = extract_article(
        'Kieran Walsh admitted fraud. In a statement, one victim said: "I cried the whole way home."'
    )
    assert [(q.text, q.speaker) for q in direct(result)] == [("I cried the whole way home.", "")]


def test_it_converts_html_and_offsets_refer_to_the_plain_text():
    html = (
        "<html><head><title>Library hours | Ledger</title></head><body><nav>Home</nav><article>"
        "<h1>Library extends weekend hours</h1><p>Library director Monica Alvarez said on Tuesday "
        'that the change would be funded by a state grant.</p><p>"Sunday is the only day many '
        'parents can bring their kids," Alvarez said.</p></article></body></html>'
    )
    result = extract_article(html, url="https://www.rivertonledger.com/local/1")
    quote = quote_starting(result, "Sunday is")
    assert "<" not in result.text
    assert result.text[quote.start : quote.end] == quote.text
    assert quote.speaker == "Monica Alvarez"
    assert result.source.outlet_domain == "rivertonledger.com"


def test_the_result_serialises_to_json_with_iso_dates():
    result = extract_article(
        "Rabu 20 Sep 2023 14:35 WIB\n\nJudul Berita Contoh Hari Ini\n\n"
        "REPUBLIKA.CO.ID, MOSKOW -- Seorang pejabat pada Selasa (19/9/2023) berbicara panjang "
        "lebar kepada wartawan tentang rencana kerja sama. “Kami ingin kerja sama yang lebih "
        "erat dengan Beijing,” kata Nikolai Patrushev."
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data["source"]["published_at"] == "2023-09-20T14:35:00+07:00"
    assert data["quotes"][0]["said_on"] == "2023-09-19"
    assert data["quotes"][0]["speaker"] == "Nikolai Patrushev"
