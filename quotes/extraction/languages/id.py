"""Indonesian: the words and marks the extractor reads in Indonesian articles."""

from . import LanguagePack, alternation, words

_GATHERINGS = ["rapat", "sidang", "pertemuan", "acara", "aksi", "laga", "pertandingan"]
_AFTER_WORDS = ["seusai", "usai", "setelah", "selepas", "di sela", "di sela-sela"]

PACK = LanguagePack(
    code="id",
    quote_styles=frozenset(),
    pronouns=words("dia ia beliau"),
    plural_pronouns=words("mereka kami kita"),
    # The pronouns have no gender; only the honorifics do.
    genders={
        **dict.fromkeys(("pak", "bapak", "mas", "bang", "bung", "gus", "haji"), "m"),
        **dict.fromkeys(("bu", "ibu", "mbak", "nyai", "hajah", "ustazah"), "f"),
    },
    pronoun_suffixes=("nya",),
    honorifics=words(
        """pak bu bapak ibu kh hj h nyai kiai kyai habib ustaz ustadz ustad ustazah gus mbak mas
        bang kak ir drs dra bung haji hajah"""
    ),
    given_name_prefixes=words(
        """muhammad mohammad mohamad mochamad mochammad moh mohd muh m ahmad ahmed achmad abdul abdur
        sri siti nur andi raden r i ni anak agung gusti lalu baiq"""
    ),
    name_suffixes=words("ii iii iv jr jr."),
    place_patterns=(
        r"\b(?:di|ke|dari|asal)\s+([A-Z][\w-]*)(?![\w-])",
        r"(?:Kabupaten|Kota|Provinsi|Kecamatan|Desa|Kelurahan|Kampung|Dusun)(?<![Ww]ali Kota)"
        r"\s+([A-Z][\w-]*)(?![\w-])",
    ),
    # Provinces and their usual abbreviations, parties and government bodies written before a
    # name in a role ("Kapolda Sultra Yan Sultra", "Fraksi Nasdem Saan Mustopa").
    not_name_words=words(
        """aceh sumut sumbar riau kepri jambi sumsel babel bengkulu lampung banten dki jabar
        jateng diy jatim ntb ntt kalbar kalteng kalsel kaltim kaltara sulut sulteng sulsel
        sultra sulbar gorontalo malut maluku papua pabar jabodetabek pdi-p pdip gerindra golkar
        nasdem pkb pks pan demokrat ppp hanura perindo psi pemkab pemkot pemprov polda polres
        polsek polresta polrestabes kodam korem kodim kemendagri kemenkes kemenkeu kemenhub
        kemendikbud kemensos kemenag kemenlu kemenko kementan kemenaker kemenpan kemenpora
        muhammadiyah nu covid covid-19 indonesia ri pandemi rp no nomor pemilu pilkada pileg pilpres"""
    ),
    # English office and organisation names run into a name after their joining word
    # ("… for Democracy and Electoral Integrity X"): English abstract nouns are no Indonesian names.
    not_name_suffixes=("ity", "tion", "sion", "ment", "ness", "ship", "ism"),
    function_words=words(
        """di ke dari pada dalam untuk dengan dan atau tetapi namun sedangkan sementara karena
        sebab jika kalau ketika saat setelah sebelum sejak hingga sampai agar supaya meski
        meskipun walau walaupun adapun yang ini itu tersebut para sang si seorang salah satu
        sebuah suatu beberapa banyak semua setiap tiap menurut berdasarkan terkait soal selain
        bahkan juga pun lalu kemudian akhirnya sebelumnya selanjutnya sedang dia ia beliau
        mereka kami kita saya aku anda kamu hal bagi oleh tak tidak bukan belum sudah telah
        akan bisa dapat harus masih baru kini kemarin tadi nanti bila apabila demikian begitu
        sebagai serta tanpa antara atas bawah seperti bagaimana apa siapa mengapa kapan dimana
        kenapa berikut sekitar hampir lebih kurang paling sangat tanya jawab dua tiga empat
        lima enam tujuh delapan sembilan sepuluh ratusan ribuan puluhan kedua ketiga sebagian
        sebanyak setidaknya"""
    ),
    document_patterns=(
        r"\b(?:laporan|dokumen|putusan|kajian|studi|surat|survei|penelitian)(?:\s+[\w-]+){0,2}\s*$",
    ),
    document_verbs=words("bunyi berbunyi"),
    cue_adverbs=words(
        "juga kembali pun sempat telah pernah lalu sendiri lagi masih kemudian bahkan justru memang akhirnya"
    ),
    stance_cues=words("menyebutnya menyebut menilai menilainya menggambarkan menyebutkan menjuluki"),
    sentence_words=words(
        """diakui dikatakan disebutkan dijelaskan ditemui dihubungi dikonfirmasi pandemi
        sementara adapun selain namun menurut terkait pasalnya sepengetahuan"""
    ),
    short_cues=words(
        """kata ujar ucap tutur ungkap jelas tegas tambah imbuh papar terang sebut lanjut
        pungkas kilah seru tanya timpal sambung beber cetus aku tulis kenang keluh
        katanya ujarnya ucapnya tuturnya ungkapnya jelasnya tegasnya tambahnya imbuhnya
        paparnya terangnya sebutnya lanjutnya pungkasnya kilahnya serunya tanyanya
        timpalnya sambungnya bebernya cetusnya akunya tulisnya kenangnya keluhnya
        ditambahkan dikatakan diungkapkan dijelaskan ditegaskan dituturkan"""
    ),
    verb_cues=words(
        """mengatakan menyatakan menegaskan menjelaskan menambahkan mengungkapkan
        menuturkan menyebutkan menyebut mencatat menilai mengaku mengakui memperkirakan
        memastikan menduga meyakini berpendapat mengklaim mengeklaim membenarkan
        mengingatkan menerangkan memaparkan berkata mengungkap menekankan menyampaikan
        bersikeras menyatakan berujar bertanya menanggapi mengimbuhkan melanjutkan
        mengutarakan menandaskan menggarisbawahi bercerita"""
    ),
    # Verbs whose complement is only reported speech when introduced by "bahwa".
    complementisers=words("bahwa"),
    clause_only_cues=words("mengingatkan menyampaikan menanggapi bertanya bercerita"),
    auxiliaries=words(
        """akan sudah telah harus bisa dapat masih sedang tidak belum adalah merupakan menjadi
        perlu ingin mau sempat baru pernah tengah kerap sering selalu bakal mampu boleh wajib"""
    ),
    verb_prefixes=("me", "ber", "di", "ter"),
    not_verbs=words(
        """terhadap tentang termasuk bersama berdasarkan menurut mengenai menuju melalui terkait
        seperti selama sebagai bagi dengan terutama terakhir tertentu beberapa berbagai kepada
        keterangan kebijakan kerja kejadian kedua"""
    ),
    object_prepositions=words("terhadap tentang mengenai atas soal kepada"),
    hearer_prepositions=words("kepada"),
    adverbial_openers=words("saat ketika sambil seraya"),
    adjunct_prepositions=words("dalam pada di kepada saat usai seusai"),
    predicative_markers=words("sebagai"),
    non_clause_patterns=(r"hal (?:itu|tersebut|ini)", r"itu", r"ini", r"demikian"),
    same_event_patterns=(
        rf"{alternation([*_GATHERINGS, 'konferensi pers', 'unjuk rasa'])}\s+(?:yang sama|itu|tersebut)"
        rf"|{alternation(_AFTER_WORDS)}\s+{alternation(_GATHERINGS)}|(?:pagi|siang|sore|malam)\s+itu",
    ),
    origin_prepositions=words("dari di"),
    home_words=words("asal"),
    name_object_prepositions=words("di dari asal ke pada untuk"),
    hearers=words("wartawan"),
    disjunctions=words("atau"),
    question_labels=words("T P Tanya Pertanyaan"),
    answer_labels=words("J Jawab Jawaban"),
    retrospective_patterns=(
        r"(?:hal (?:itu|tersebut|ini)|pernyataan (?:itu|tersebut)|keterangan (?:itu|tersebut)"
        r"|demikian)\b[^.]{0,80}?\b(?:di|ia |dia )?(?:sampaikan|ungkapkan|katakan|jelaskan|"
        r"sampaikannya|ungkapkannya)\b",
    ),
    narration_cues=words("kata ujar ujarnya mengatakan menjelaskan menurut"),
    role_boundary_words=words("kata ujar"),
    role_nouns=words(
        """pedagang warga petani nelayan guru dosen dokter perawat sopir pengemudi saksi
        mahasiswa siswa santri pengamat peneliti ekonom analis pengusaha buruh karyawan
        pegawai pejabat pelatih pemain kapten ketua kepala direktur juru pengacara kuasa
        hakim jaksa pengawas anggota relawan aktivis wisudawan pemeran sutradara penulis pengasuh
        wakil camat lurah pembeli penonton pengunjung penumpang korban pemilik pengelola
        pendukung peserta penjual penenun perajin pengrajin peternak pekebun penambang
        menpora menkes menkeu mendagri menlu menhan mendikbud menag mensos menaker menkominfo
        menko menparekraf menpan menhub menperin mendag menristek wamen wamenkes sekda"""
    ),
    weekdays={
        "senin": 0,
        "selasa": 1,
        "rabu": 2,
        "kamis": 3,
        "jumat": 4,
        "jum'at": 4,
        "sabtu": 5,
        "minggu": 6,
        "ahad": 6,
        "sen": 0,
        "sel": 1,
        "rab": 2,
        "kam": 3,
        "jum": 4,
        "sab": 5,
        "min": 6,
    },
    months={
        "januari": 1,
        "februari": 2,
        "pebruari": 2,
        "maret": 3,
        "april": 4,
        "mei": 5,
        "juni": 6,
        "juli": 7,
        "agustus": 8,
        "september": 9,
        "oktober": 10,
        "november": 11,
        "nopember": 11,
        "desember": 12,
        "jan": 1,
        "feb": 2,
        "peb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "agu": 8,
        "agt": 8,
        "ags": 8,
        "sep": 9,
        "okt": 10,
        "nov": 11,
        "nop": 11,
        "des": 12,
    },
    short_reference="given",
    source_prepositions=frozenset({"menurut"}),
    # Office and organisation names are often English ("Network for Democracy and Electoral
    # Integrity", "Vice President of Marketplace"): their joining words too.
    conjunctions=words("dan serta and of for"),
    subject_clause_words=words("yang saat ketika seusai usai"),
    presenting_words=words("adalah ialah yakni yaitu"),
    assumed_utc_offset=7 * 60,
    stopwords=words(
        """yang dan di ke dari untuk dengan ini itu pada tidak akan dalam adalah juga kata
        bahwa sudah telah karena oleh atau saat kami kita mereka ia dia menjadi lebih
        tersebut"""
    ),
)
