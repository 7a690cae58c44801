"""Speaker names: titles, naming particles, places and group nouns around a name.

Each test states one general rule with invented text, so that it fails if the rule is lost.
"""

import pytest

from quotes.extraction import ExtractionResult, extract_article


def speakers(result: ExtractionResult) -> list[str]:
    return [q.speaker for q in result.quotes]


def direct_speakers(result: ExtractionResult) -> list[str]:
    return [q.speaker for q in result.quotes if q.type == "direct"]


# --- titles and honorifics are not part of the name ------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Cllr",
        "Councillor",
        "Magistrate",
        "Judge",
        "Justice",
        "Senator",
        "Sen.",
        "Rep.",
        "Rev.",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Professor",
        "Dr",
        "Dr.",
        "Mr",
        "Mrs",
        "Ms",
        "Mx",
        "Mayor",
    ],
)
def test_an_english_title_before_a_name_is_left_out_of_it(title):
    text = f"“The footbridge will reopen next month after the repairs,” {title} Fiona Webb said."
    assert speakers(extract_article(text)) == ["Fiona Webb"]
    text = f"{title} Fiona Webb said: “The footbridge will reopen next month after the repairs.”"
    assert speakers(extract_article(text)) == ["Fiona Webb"]


@pytest.mark.parametrize(
    "title",
    ["Bapak", "Ibu", "Pak", "Bu", "Kak", "Mas", "Mbak", "Bung", "H.", "Hj.", "KH", "Ust.", "Ustaz"],
)
def test_an_indonesian_honorific_before_a_name_is_left_out_of_it(title):
    text = f"“Kami akan terus membantu warga yang terdampak banjir,” kata {title} Rina Kusumawati."
    assert speakers(extract_article(text)) == ["Rina Kusumawati"]


def test_a_role_title_becomes_the_speakers_role():
    result = extract_article("“The hearing is adjourned until the morning,” Magistrate Olu Bankole said.")
    assert [(q.speaker, q.speaker_role) for q in result.quotes] == [("Olu Bankole", "Magistrate")]


# --- Balinese names keep their particles -------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "I Wayan Sudira",
        "I Made Arya",
        "Ni Luh Putu Sari",
        "I Gusti Ngurah Rai Putra",
        "Anak Agung Gede Oka",
        "Ida Bagus Made Rai",
        "I Ketut Suarta",
        "Anak Agung Ngurah Putra Oka",
    ],
)
def test_a_balinese_name_keeps_its_leading_particle(name):
    result = extract_article(
        f"“Upacara ini digelar setiap enam bulan sekali,” kata {name}, petani di Tabanan."
    )
    assert speakers(result) == [name]
    result = extract_article(f"Menurut {name}, pembangunan jalan desa itu akan selesai tahun depan.")
    assert speakers(result) == [name]


def test_a_short_reference_resolves_to_the_full_balinese_name():
    result = extract_article(
        "“Panen tahun ini turun karena hujan terus turun,” kata I Wayan Sudira.\n\n"
        "“Kami butuh bantuan bibit dari pemerintah,” ujar Wayan.\n\n"
        "“Harga pupuk juga naik terus sejak awal tahun,” kata Sudira."
    )
    assert speakers(result) == ["I Wayan Sudira"] * 3


# --- places are not speakers ---------------------------------------------------------------


def test_a_place_after_asal_is_not_the_speaker_but_the_named_person_is():
    result = extract_article(
        "Seorang penenun asal Waingapu, Rambu Lika, mengatakan, “Benang impor terlalu mahal bagi kami.”"
    )
    assert speakers(result) == ["Rambu Lika"]


@pytest.mark.parametrize(
    "attribution",
    [
        "kata nelayan Tanjung Baru",
        "kata warga Tanjung Baru",
        "kata petani dari Tanjung Baru",
        "ujar pedagang di Tanjung Baru",
        "kata penenun asal Waingapu",
    ],
)
def test_a_place_after_an_indonesian_group_noun_is_not_the_speaker(attribution):
    result = extract_article(f"“Ikan makin sulit dicari sejak musim angin barat,” {attribution}.")
    assert speakers(result) == [""]


@pytest.mark.parametrize(
    "attribution",
    [
        "a trader from Punta Alta said",
        "said a trader from Punta Alta",
        "said residents of Punta Alta",
        "said a fisherman in Port Kelso",
    ],
)
def test_a_place_after_from_of_or_in_is_not_the_speaker(attribution):
    result = extract_article(f"“Prices have doubled since the summer,” {attribution}.")
    assert speakers(result) == [""]


def test_a_person_named_after_a_place_is_the_speaker():
    result = extract_article(
        "“Prices have doubled since the summer,” said the mayor of Springfield, Joe Bloggs."
    )
    assert speakers(result) == ["Joe Bloggs"]


# --- capitalised common words at the start of a sentence are not names -----------------


@pytest.mark.parametrize("subject", ["Officials", "Games organisers", "Police", "Witnesses", "Councillors"])
def test_a_capitalised_group_noun_is_not_a_name(subject):
    result = extract_article(f"“The venue will be ready well before the opening ceremony,” {subject} said.")
    assert speakers(result) == [""]
    result = extract_article(f"{subject} said: “The venue will be ready well before the opening ceremony.”")
    assert speakers(result) == [""]


def test_a_group_noun_before_a_role_and_name_is_part_of_the_role():
    result = extract_article("“The roads will stay closed overnight,” Police Commissioner Ruth Okafor said.")
    assert [(q.speaker, q.speaker_role) for q in result.quotes] == [("Ruth Okafor", "Police Commissioner")]


# --- names with particles are one name ----------------------------------------------------


@pytest.mark.parametrize(
    ("full", "short_forms"),
    [
        ("Pieter van der Berg", ["van der Berg", "Pieter", "Van der Berg"]),
        ("Ahmad bin Yusuf", ["Ahmad", "Yusuf"]),
        ("Maria da Silva", ["da Silva", "Maria"]),
        ("Khalid al-Hashimi", ["al-Hashimi", "Hashimi"]),
        ("Henk ter Horst", ["ter Horst", "Henk"]),
    ],
)
def test_a_name_with_particles_is_one_name_and_short_forms_resolve_to_it(full, short_forms):
    paragraphs = [f"“The dyke must be raised by a whole metre this year,” said {full}, a hydrologist."]
    for index, short in enumerate(short_forms):
        paragraphs.append(f"“Otherwise the polder floods in storm number {index + 2},” {short} said.")
    result = extract_article("\n\n".join(paragraphs))
    assert speakers(result) == [full] * (1 + len(short_forms))


# --- a named spokesperson speaks, not the organisation ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lerato Dube, a spokesperson for the National Transport Agency, said: "
        "“The line will reopen on Monday morning.”",
        "“The line will reopen on Monday morning,” Lerato Dube, a spokesperson for the National "
        "Transport Agency, said.",
        "“The line will reopen on Monday morning,” said Lerato Dube, a spokesperson for the "
        "National Transport Agency.",
        "A spokesperson for the National Transport Agency, Lerato Dube, said: "
        "“The line will reopen on Monday morning.”",
        "“Jalur itu akan dibuka kembali Senin pagi,” kata Lerato Dube, juru bicara Badan "
        "Transportasi Nasional.",
    ],
)
def test_a_named_spokesperson_is_the_speaker_not_the_organisation(text):
    assert speakers(extract_article(text)) == ["Lerato Dube"]


def test_the_organisation_speaks_when_no_person_is_named():
    result = extract_article(
        "A spokesperson for the National Transport Agency said: “The line will reopen on Monday morning.”"
    )
    assert speakers(result) == ["National Transport Agency"]


@pytest.mark.parametrize("resident", ["warga", "nelayan", "pedagang"])
def test_a_single_word_after_a_resident_noun_is_a_place(resident):
    result = extract_article(f"“Ikan makin sulit dicari sejak musim angin barat,” kata {resident} Waingapu.")
    assert speakers(result) == [""]
    result = extract_article(
        f"“Ikan makin sulit dicari sejak musim angin barat,” kata {resident} Waingapu, Rambu Lika."
    )
    assert [(q.speaker, q.speaker_role) for q in result.quotes] == [("Rambu Lika", f"{resident} Waingapu")]


def test_a_lone_capitalised_word_written_in_lower_case_elsewhere_is_not_a_name():
    result = extract_article(
        "Dozens of marshals were hired for the opening week of the regatta.\n\n"
        "“The venue will be ready well before the ceremony,” Marshals said."
    )
    assert speakers(result) == [""]
    result = extract_article(
        "Dozens of marshals were hired for the opening week of the regatta.\n\n"
        "“The venue will be ready well before the ceremony,” Hollis said."
    )
    assert speakers(result) == ["Hollis"]


# --- roles, organisations and places written around the name ---------------------------


@pytest.mark.parametrize(
    "attribution",
    [
        "said Harbour Watch president Tom Fenwick",
        "said former Dorset governor Tom Fenwick",
        "said another Twitter user, Tom Fenwick",
        "explained Bristol-based attorney Tom Fenwick",
    ],
)
def test_the_name_after_a_role_word_is_the_speaker_not_what_qualifies_the_role(attribution):
    result = extract_article(f"“The ruling is a victory for everyone who uses the quay,” {attribution}.")
    assert direct_speakers(result) == ["Tom Fenwick"]


@pytest.mark.parametrize(
    "attribution",
    [
        "Sen. Maria Delgado (D-N.M.) said",
        "Senate Majority Leader Maria Delgado, R-Ky., said",
        "state Sen. Maria Delgado (D) said",
    ],
)
def test_a_party_tag_after_the_name_is_skipped(attribution):
    result = extract_article(f"“We will not back down on the harbour bill,” {attribution} on Tuesday.")
    assert direct_speakers(result) == ["Maria Delgado"]


def test_a_surname_that_is_also_a_place_stays_in_the_name_after_a_title():
    result = extract_article(
        "“The numbers speak for themselves,” said Representative Daniel Jordan, a Democrat from Ohio."
    )
    assert direct_speakers(result) == ["Daniel Jordan"]


def test_a_cue_and_name_before_the_quote_give_the_speaker():
    result = extract_article(
        "The debate turned to donations.\n\n"
        "In other words, explained moderator Nancy Corder: “What does that have to do with the money?”"
    )
    assert direct_speakers(result) == ["Nancy Corder"]


def test_a_role_set_off_by_commas_before_the_name():
    result = extract_article(
        "The harbour master, Sue Okafor, has said the new berths will open in spring. "
        "“We have waited ten years for this decision,” she said."
    )
    assert direct_speakers(result)[-1] == "Sue Okafor"


def test_a_short_name_resolves_to_the_person_whose_surname_it_is():
    result = extract_article(
        "Visitors queued outside Fenwick Tower all morning. Later, the developer Tom Fenwick "
        "arrived with the mayor.\n\n“We will open a second floor next year,” Fenwick said."
    )
    assert direct_speakers(result) == ["Tom Fenwick"]


# --- Indonesian offices before the name ---------------------------------------------------


def test_an_office_and_its_place_before_a_name_used_alone_are_cut_off():
    result = extract_article(
        "Ketua Badan Pengawas Pemilu Sukamaju Darsono mengatakan, petugas sudah dikerahkan ke "
        "semua kecamatan di Sukamaju sejak pagi.\n\n"
        "“Kami tidak menemukan pelanggaran berat,” kata Darsono."
    )
    assert direct_speakers(result) == ["Darsono"]


def test_an_office_written_in_english_inside_indonesian_text():
    result = extract_article(
        "Penjualan di marketplace naik tajam selama libur panjang. Vice President of Marketplace Tokobagus "
        "Rina Hapsari menambahkan, pihaknya menyiapkan gudang baru di Surabaya.\n\n"
        "“Kami menambah tiga ratus kurir baru bulan ini,” ujarnya. Pesanan terbanyak datang dari "
        "Jawa Timur, kata Rina."
    )
    assert direct_speakers(result) == ["Rina Hapsari"]


def test_the_subject_after_a_fronted_phrase_takes_over_from_the_last_speaker():
    result = extract_article(
        "“Likuiditas perbankan masih cukup,” kata ekonom Piter Santosa.\n\n"
        "Terkait kebutuhan likuiditas lembaga keuangan, Gubernur BI Darmawan Hadi mendorong agar "
        "perbankan memanfaatkan fasilitas repo. Kebijakan itu merupakan aksi lanjutan bank sentral.\n\n"
        "“Perbankan punya banyak surat berharga untuk direpo,” ujarnya."
    )
    assert direct_speakers(result) == ["Piter Santosa", "Darmawan Hadi"]


def test_a_subheading_run_into_the_sentence_does_not_hide_its_subject():
    result = extract_article(
        "“Semua kotak suara sudah tiba,” kata Ketua KPU Maluku Arnold Wattimena.\n\n"
        "Kawal kotak suara Kepala Bidang Humas Polda Maluku Roem Latuconsina mengatakan, personel "
        "sedang mengawal distribusi logistik ke desa-desa.\n\n"
        "“Sebagian besar sedang dalam perjalanan ke pulau-pulau,” ujarnya."
    )
    assert direct_speakers(result) == ["Arnold Wattimena", "Roem Latuconsina"]


def test_a_cue_ending_in_a_colon_introduces_the_next_quotation_not_the_previous_one():
    result = extract_article(
        "The couple reached the port in March.\n\n"
        "“We are refugees,” Ms. Otieno said. “We are not criminals.” Mr. Baraka said: “The attack "
        "was the work of a few people.”"
    )
    assert direct_speakers(result) == ["Otieno", "Otieno", "Baraka"]


def test_a_clause_between_an_indonesian_speaker_and_the_cue_does_not_hide_the_speaker():
    result = extract_article(
        "“Semua kotak suara sudah tiba,” kata Ketua KPU Maluku Arnold Wattimena.\n\n"
        "Kepala Bidang Humas Polda Maluku Roem Latuconsina yang dihubungi secara terpisah "
        "mengatakan, personel sedang mengawal distribusi logistik.\n\n"
        "“Sebagian besar sedang dalam perjalanan ke pulau-pulau,” ujarnya."
    )
    assert direct_speakers(result) == ["Arnold Wattimena", "Roem Latuconsina"]


def test_a_speech_verb_capitalised_in_a_title_case_headline_is_not_part_of_the_name():
    result = extract_article(
        "Ellen Marsh Tells 200 Drivers They Need To Expect Higher Fares.\n\n"
        "Many drivers have said they will not pay. The campaign has many members including the "
        "writer Ellen Marsh, who spoke on Monday.\n\n"
        "“We cannot hold the fares for another year,” Marsh said.",
        language="en",
    )
    assert direct_speakers(result) == ["Ellen Marsh"]


# --- offices, organisations and short references on real-news patterns -----------------


def test_a_bare_role_is_the_person_the_article_first_introduced_with_it():
    result = extract_article(
        "Presiden Surya Wicaksana meresmikan Bendungan Karangsari, Senin (3/8/2020).\n\n"
        "“Bendungan ini akan mengairi ribuan hektar sawah,” kata Presiden Suwi.\n\n"
        "“Petani tidak perlu lagi menunggu hujan,” kata Presiden."
    )
    assert direct_speakers(result) == ["Suwi", "Surya Wicaksana"]


def test_an_organisation_written_alone_before_a_persons_introduction_is_not_part_of_the_name():
    result = extract_article(
        "Sentosa Farma menambah pabrik obat di Cikarang tahun ini.\n\n"
        "Direktur Utama Sentosa Farma Rudi Hartanto mengatakan, pabrik itu siap beroperasi. "
        "“Kami menyiapkan lima ratus pekerja baru,” ujarnya."
    )
    assert direct_speakers(result) == ["Rudi Hartanto"]


def test_an_organisation_written_after_its_head_word_elsewhere_is_not_part_of_the_name():
    result = extract_article(
        "Direktur Kepatuhan Bank Sentosa Rudi Hartanto menuturkan, penyaluran kredit naik. "
        "“Kredit usaha kecil tumbuh paling cepat tahun ini,” katanya. Bank Sentosa, misalnya, "
        "membuka dua kantor cabang baru."
    )
    assert direct_speakers(result) == ["Rudi Hartanto"]


def test_a_given_name_stays_in_the_name_when_others_in_a_list_share_the_surname():
    result = extract_article(
        "For years the Tom, Anna and Lucy Reyes Foundation paid for the library.\n\n"
        "“The building needs a new roof before winter,” said former mayor Tom Reyes."
    )
    assert direct_speakers(result) == ["Tom Reyes"]


def test_the_last_word_of_a_full_name_before_a_verb_is_not_taken_for_a_short_name():
    result = extract_article(
        "Menteri Koordinator Pangan dan Pertanian Herman Susilo mengatakan, stok beras aman. "
        "“Gudang kami masih penuh sampai akhir tahun,” ujarnya. Herman juga meninjau pasar. "
        "Herman kemudian membeli cabai."
    )
    assert direct_speakers(result) == ["Herman Susilo"]


def test_a_long_office_after_a_parenthesised_acronym_is_cut_before_the_name():
    result = extract_article(
        "Ketua Asosiasi Pengusaha dan Eksportir (Apeksi) Indonesia Bidang Hubungan Dagang "
        "Ratna Dewi Lestari berpendapat, ekspor akan pulih. "
        "“Permintaan dari Asia mulai naik lagi bulan ini,” ujarnya."
    )
    assert direct_speakers(result) == ["Ratna Dewi Lestari"]


def test_a_sasak_title_that_is_also_a_function_word_starts_the_name():
    result = extract_article(
        "Ketua Himpunan Nelayan Lombok Lalu Darmawan Putra mengatakan, cuaca membaik. "
        "“Perahu sudah bisa melaut lagi sejak kemarin,” katanya. Lalu nelayan menjual ikan. "
        "“Hasil tangkapan mulai naik,” tutur Lalu."
    )
    assert direct_speakers(result) == ["Lalu Darmawan Putra"] * 2


def test_the_name_after_a_numbered_unit_and_its_place_is_the_speaker():
    result = extract_article(
        "Perjalanan kereta di Semarang kembali normal pada Selasa.\n\n"
        "“Semua kereta tiba tepat waktu hari ini,” kata Manajer Humas Daop 4 Semarang Krisbiyanto."
    )
    assert direct_speakers(result) == ["Krisbiyanto"]


def test_the_titled_person_after_an_office_and_its_acronym_is_the_speaker():
    result = extract_article(
        "“Pencarian diperluas ke perairan utara pulau,” kata Kepala Pangkalan Udara Halim "
        "(Kalanud) Marsma TNI Eko Wiyono."
    )
    assert direct_speakers(result) == ["Eko Wiyono"]


def test_the_place_of_a_unit_between_the_office_and_the_name_is_skipped():
    result = extract_article(
        "“Uji klinis melibatkan seribu relawan,” kata anggota Tim Peneliti Vaksin Nusantara "
        "dari Unpad, Sari Wulandari, seusai rapat."
    )
    assert direct_speakers(result) == ["Sari Wulandari"]


def test_an_organisation_inside_a_known_persons_office_is_not_a_new_subject():
    result = extract_article(
        "Direktur Tenun Ikat Sumba, Rina Kusuma, mengatakan, penjualan naik. "
        "Oleh sebab itu, Tenun Ikat Sumba menggandeng perajin dari tiga desa. "
        "“Kami membeli kain langsung dari penenun,” ujarnya."
    )
    assert direct_speakers(result) == ["Rina Kusuma"]


def test_a_passive_indonesian_cue_takes_its_agent_as_the_speaker():
    result = extract_article(
        "Direktur Utama Tambang Nusa Raya Tomi Wenang dan Ketua Komisi VII DPR Karsa Wardana "
        "membahas pembangunan smelter. “Pembangunan smelter adalah amanat undang-undang,” ucap "
        "Karsa. “Kami akan meminta kelonggaran kepada pemerintah,” ditambahkan Tomi."
    )
    assert direct_speakers(result) == ["Karsa Wardana", "Tomi Wenang"]


def test_a_sentence_opening_word_is_not_glued_to_the_name_after_it():
    result = extract_article(
        "Pengacara Anisa Kolopaksi mengajukan peninjauan kembali. Sepengetahuan Anisa, kliennya "
        "berada di luar negeri. “Kasus itu seharusnya sudah selesai sejak lama,” kata Anisa."
    )
    assert direct_speakers(result) == ["Anisa Kolopaksi"]


def test_a_pronoun_does_not_refer_back_to_someone_titled_with_the_other_gender():
    result = extract_article(
        "Mr. Harlow built the tower in 1990.\n\n"
        "“He never forgave a betrayal,” Mr. Harlow’s former partner, Joan Ferris, said of the "
        "deal. Mr. Harlow declined to comment.\n\n"
        "“There was no going back,” she said."
    )
    assert direct_speakers(result) == ["Joan Ferris", "Joan Ferris"]


def test_an_office_before_a_name_ends_at_its_role_noun_and_election_word():
    result = extract_article(
        "Ketua Badan Pengawas Pemilu Budiarto, yang juga hadir dalam rapat itu, mengatakan, dana "
        "rawan disalahgunakan. “Kami terus mengawasi penyaluran bantuan,” katanya."
    )
    assert direct_speakers(result) == ["Budiarto"]


def test_the_english_name_of_an_office_is_not_glued_to_an_indonesian_name():
    result = extract_article(
        "Direktur Eksekutif Network for Democracy and Electoral Integrity Rahmat Tulus Wibisono "
        "menuturkan, pelaporan masih formalitas. “Kalau dana yang dilaporkan kecil, belum tentu "
        "benar,” ujarnya.",
        language="id",
    )
    assert direct_speakers(result) == ["Rahmat Tulus Wibisono"]


def test_a_five_word_name_after_an_office_starts_at_the_given_name_used_alone():
    result = extract_article(
        "Hal itu disampaikan Kepala Bidang Pencegahan Penyakit Dinas Kesehatan Kota Bogor Sri "
        "Wulan Ayu Dewi Lestari. “Kasus terus naik,” kata Sri."
    )
    assert direct_speakers(result) == ["Sri Wulan Ayu Dewi Lestari"]


def test_a_name_with_words_written_as_initials_is_the_full_name_given_before():
    result = extract_article(
        "Rektor Universitas Bumi Raya, Hendra Wijaya, bertemu Raja Keraton Sultan Hamengku "
        "Buwono X di keraton. Dalam pertemuan itu, Sultan HB X mencoba alat tersebut. “Alat ini "
        "sangat membantu,” kata Sultan."
    )
    assert direct_speakers(result) == ["Sultan Hamengku Buwono X"]


def test_after_a_party_name_the_full_name_begins_even_when_a_later_word_is_used_alone():
    result = extract_article(
        "Wakil Ketua Umum Partai Gerindra Sinta Wulan Maharani, Jumat, mengatakan, aspirasi itu "
        "wajar. “Kami menampung semua usulan,” kata Wulan."
    )
    assert direct_speakers(result) == ["Sinta Wulan Maharani"]


def test_a_person_presented_after_adalah_is_the_one_the_next_pronoun_cue_refers_to():
    result = extract_article(
        "Wali Kota Bandar Jaya, Herman Sutanto, meminta warga tetap di rumah. “Libur panjang "
        "berisiko,” kata Herman. Sejumlah pakar mempertanyakan keputusan itu. Salah satunya "
        "adalah Ketua Ikatan Ahli Gizi Indonesia Rina Astuti. Hal ini mengingat tingginya risiko "
        "penularan. “Rekreasi bisa dilakukan kapan saja,” ujarnya."
    )
    assert direct_speakers(result) == ["Herman Sutanto", "Rina Astuti"]
