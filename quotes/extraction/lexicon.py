"""Word lists the extraction modules share.

The per-language lists (cues, role nouns, weekdays, months, stop words, function words,
honorifics) live in the language packs (``languages/``); the names here are unions over every
pack (``PACKS``), never one language's list, so adding a pack adds its words to them.
What remains written out here is not yet split by language (organisation and place words,
role words of capitalised titles) and is read as one list for every article.
All entries are lower-case; callers compare with ``token.lower()``.
"""

from __future__ import annotations

from .languages import PACKS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _union(field: str, packs=None) -> frozenset[str]:
    """Every language's words in pack field ``field`` (or those of ``packs``)."""
    return frozenset().union(*(getattr(pack, field) for pack in (PACKS.values() if packs is None else packs)))


# Verbs that introduce or close a direct quote ("…," kata X / X said, "…"), of every language.
VERB_CUES = _union("verb_cues")
# Short forms that take the speaker after them or a pronominal suffix ("kata X", "ujarnya").
SHORT_CUES = _union("short_cues")
# Cues of languages whose words take pronominal suffixes ("ujarnya") are matched with a hyphen as
# part of the word; the others at plain word boundaries. The groups keep the packs' order.
SUFFIXED_VERB_CUES = _union("verb_cues", [pack for pack in PACKS.values() if pack.pronoun_suffixes])
PLAIN_VERB_CUES = _union("verb_cues", [pack for pack in PACKS.values() if not pack.pronoun_suffixes])
# Cues after which a comma opens the reported clause ("Roe mengatakan, …"): the clause is found
# after the complementiser or the comma, not after a hearer and adjuncts.
COMMA_CLAUSE_CUES = _union("verb_cues", [pack for pack in PACKS.values() if not pack.comma_cue_interrupts])
# Reported clauses are tested with the words of the cue's kind of language, whatever the
# article's: those whose cues a comma opens the clause after ("mengatakan bahwa/kepada …") and
# those whose cues a comma closes ("said that …").
_COMMA_CLAUSE_PACKS = [pack for pack in PACKS.values() if not pack.comma_cue_interrupts]
_INTERRUPTING_PACKS = [pack for pack in PACKS.values() if pack.comma_cue_interrupts]
COMMA_CLAUSE_COMPLEMENTISERS = _union("complementisers", _COMMA_CLAUSE_PACKS)
COMMA_CLAUSE_AUXILIARIES = _union("auxiliaries", _COMMA_CLAUSE_PACKS)
COMMA_CLAUSE_VERB_PREFIXES = tuple(
    sorted({prefix for pack in _COMMA_CLAUSE_PACKS for prefix in pack.verb_prefixes})
)
COMMA_CLAUSE_NOT_VERBS = _union("not_verbs", _COMMA_CLAUSE_PACKS)
COMMA_CLAUSE_OBJECT_PREPOSITIONS = _union("object_prepositions", _COMMA_CLAUSE_PACKS)
COMMA_CLAUSE_HEARER_PREPOSITIONS = _union("hearer_prepositions", _COMMA_CLAUSE_PACKS)
INTERRUPTING_COMPLEMENTISERS = _union("complementisers", _INTERRUPTING_PACKS)
INTERRUPTING_AUXILIARIES = _union("auxiliaries", _INTERRUPTING_PACKS)
OBJECT_PARTICIPLES = _union("object_participles")
CUE_ADJUNCT_PATTERNS = tuple(pack.cue_adjunct_pattern for pack in PACKS.values() if pack.cue_adjunct_pattern)
# Words that, after a comma, open an adverbial clause attached to a closing cue ("…, saat …").
ADVERBIAL_OPENERS = _union("adverbial_openers")
ADJUNCT_PREPOSITIONS = _union("adjunct_prepositions")
DISJUNCTIONS = _union("disjunctions")
# Reported speech reads every language's words for these (see the pack fields).
TRAILING_ADJUNCT_OPENERS = ADVERBIAL_OPENERS | _union("trailing_adjunct_prepositions")
PREDICATIVE_MARKERS = _union("predicative_markers", _COMMA_CLAUSE_PACKS)
CLAUSE_PREPOSITIONS = _union("clause_prepositions")
IMPERATIVE_CUES = _union("imperative_cues")
NON_CLAUSE_PATTERNS = tuple(pattern for pack in PACKS.values() for pattern in pack.non_clause_patterns)
HEARERS = _union("hearers")
ASIDE_SUBORDINATORS = _union("aside_subordinators")
_ASIDE_PACKS = [pack for pack in PACKS.values() if pack.aside_subordinators]
# The conjunctions that may open an aside ("and as Roe said, …"), of the languages that have asides.
ASIDE_CONJUNCTIONS = _union("conjunctions", _ASIDE_PACKS) | _union("contrast_conjunctions", _ASIDE_PACKS)
CUE_PARTICLES = _union("cue_particles")
SAME_EVENT_PATTERNS = tuple(pattern for pack in PACKS.values() for pattern in pack.same_event_patterns)
DEFINITE_ARTICLES = _union("definite_articles")
INDEFINITE_ARTICLES = _union("indefinite_articles")
ARTICLES = DEFINITE_ARTICLES | INDEFINITE_ARTICLES
PERSONAL_RELATIVES = _union("personal_relatives")
NAME_OBJECT_PREPOSITIONS = _union("name_object_prepositions")
ORIGIN_PREPOSITIONS = _union("origin_prepositions")
HOME_WORDS = _union("home_words")
# Interviews, dating and roles read any language's labels and cues (see the pack fields).
QUESTION_LABELS = _union("question_labels")
ANSWER_LABELS = _union("answer_labels")
RETROSPECTIVE_PATTERNS = tuple(pattern for pack in PACKS.values() for pattern in pack.retrospective_patterns)
NARRATION_CUES = _union("narration_cues")
ROLE_BOUNDARY_WORDS = _union("role_boundary_words")
# Verbs whose complement is only reported speech when introduced by a complementiser.
CLAUSE_ONLY_CUES = _union("clause_only_cues")
# Cues that take a hearer object before the reported clause ("told reporters that").
OBJECT_CUES = _union("object_cues")
# Every language's speech verbs, to tell a clause ("X menjelaskan,") from a role.
CUE_WORDS = VERB_CUES | SHORT_CUES
# Pronominal suffixes on cues ("ujarnya": said he/she), of every language.
PRONOUN_SUFFIXES = tuple(sorted({suffix for pack in PACKS.values() for suffix in pack.pronoun_suffixes}))
# Prepositions that introduce a source ("according to X", "menurut X"), and their forms with a
# pronominal suffix ("menurutnya": according to him/her).
SOURCE_PREPOSITIONS = _union("source_prepositions")
SOURCE_CUES = frozenset(
    word + suffix
    for pack in PACKS.values()
    for word in pack.source_prepositions
    for suffix in ("", *pack.pronoun_suffixes)
)

HONORIFICS = _words(
    """dr dr. prof prof. kh k.h. hj hj. h h. nyai kiai kyai pak bu bapak ibu mr mr. mrs mrs. ms
    ms. miss sir dame ir ir. drs drs. dra dra. habib ustaz ustadz gus mbak mas bang kak sen.
    rep. gov. st. rev. rev fr. lord lady ustazah mx mx. bung ust ust. ustad ustadzah ustadz.
    hajah haji"""
) | frozenset(word for pack in PACKS.values() for word in pack.honorifics)
# Capitalised words that start a role ("Menteri Luar Negeri", "Foreign Minister") or ranks.
ROLE_WORDS = _words(
    """menteri presiden wakil ketua kepala direktur sekretaris gubernur bupati wali camat lurah
    kapolres kapolda kapolri kapolsek kasat kasatreskrim kasatlantas kapuspen panglima jaksa
    jenderal umum utama juru bicara jubir dewan keamanan luar negeri dalam perdagangan
    keuangan kesehatan pendidikan dinas badan kantor perwakilan rektor dekan pelatih kapten
    anggota duta besar komisaris koordinator pengasuh pemeran sutradara manajer pimpinan
    direktur dirut kepala kasubdit kabid kabag kasi wakapolres wakapolda danrem dandim
    pangdam kadis kabiro staf khusus ahli deputi asisten pj plt plh penjabat senior pengamat
    peneliti analis ekonom dosen guru besar akbp akp kompol kombes brigjen irjen komjen
    kolonel letkol mayor iptu ipda aiptu bripka briptu laksamana marsekal letjen mayjen pol
    president prime minister foreign secretary chancellor senator governor mayor judge
    justice chief executive officer director general councillor councilor council spokesman
    spokeswoman spokesperson professor coach manager captain ambassador deputy vice chair
    chairman chairwoman chairperson sheriff commissioner prosecutor inspector detective
    sergeant lieutenant colonel major admiral pope king queen prince princess state defence
    defense interior home health security trade finance environment transport education
    labour labor energy economy agriculture culture attorney district assistant acting
    interim head leader founder ceo cfo coo cto md managing editor publisher superintendent
    constable officer commander representative congressman congresswoman lawmaker mp
    minister's secretary-general magistrate cllr alderman coroner"""
)
# Lower-case role nouns used before a name ("museum director Isabelle Fournier").
ROLE_NOUNS = _union("role_nouns")
# Capitalised words that are never (part of) a person's name.
ORG_WORDS = _words(
    """stasiun station balai bank universitas university pasar desa kabupaten kota kecamatan stadion stadium
    pelabuhan festival film liga league pondok pesantren fakultas faculty kementerian
    ministry pemerintah government partai party pt tbk inc ltd llc plc company corporation
    corp group trust alliance union park museum library party department agency association
    institute school college hospital rsud rs polres polda polsek polri jalan street road
    river sungai gunung pulau island airport bandara hotel masjid gereja energy water club
    fc rovers united court crown council parliament dpr dprd mpr kpk tni bpbd bulog bi ojk
    bps who un pbb nato eu asean brics satlantas auditorium kampus gedung istana palace
    house senate congress centre center network news times post daily tribune journal herald
    express telegraph guardian reuters ap afp antara kompas tempo republika detik liputan6
    cnn bbc foundation yayasan komisi commission kejaksaan pengadilan tipikor mahkamah
    lembaga organisasi federation federasi nations assembly service services fund forum
    institute studio records labs lab media press tv radio daerah bencana sumber daya air
    rakyat nasional negara republik provinsi wilayah pusat regional sentral tinggi agung
    swasta raya pembangunan public publik letters review asosiasi institut koperasi
    komunitas serikat perhimpunan ikatan tower towers plaza organization organisation research consulting"""
)
# Capitalised function words that begin sentences and are never names (from the packs).
FUNCTION_WORDS = frozenset(word for pack in PACKS.values() for word in pack.function_words)
NAME_PARTICLES = frozenset(
    {
        "bin",
        "binti",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "de",
        "da",
        "dos",
        "das",
        "del",
        "della",
        "du",
        "al",
        "el",
    }
)

# Countries, regions and cities: a capitalised word here is a place qualifier, not a name.
PLACES = _words(
    """indonesia rusia russia cina china tiongkok amerika america serikat united states as us
    usa inggris britain british uk england skotlandia scotland wales irlandia ireland
    prancis perancis france jerman germany italia italy spanyol spain portugal belanda
    netherlands belgia belgium swiss switzerland austria polandia poland ukraina ukraine
    swedia sweden norwegia norway denmark finlandia finland yunani greece turki turkey
    turkiye iran irak iraq suriah syria israel palestina palestine mesir egypt arab saudi
    qatar uni emirat yordania jordan lebanon libanon jepang japan korea selatan south utara
    north timur east barat west tengah central india pakistan bangladesh afganistan
    afghanistan malaysia singapura singapore thailand vietnam filipina philippines myanmar
    kamboja cambodia laos brunei australia zealand selandia baru kanada canada meksiko
    mexico brasil brazil argentina chile cile peru kolombia colombia venezuela afrika africa
    nigeria kenya ghana ethiopia etiopia maroko morocco aljazair algeria sudan somalia
    tanzania uganda benin jakarta surabaya bandung medan semarang makassar yogyakarta jogja
    palembang denpasar bali balikpapan samarinda pontianak banjarmasin manado ambon jayapura
    kupang mataram padang pekanbaru jambi bengkulu lampung serang banten bogor depok bekasi
    tangerang malang solo surakarta kediri jombang garut bantul sleman magelang cirebon
    tasikmalaya sukabumi banjarnegara maumere sikka demak kudus pati tegal purwokerto
    banyumas madiun blitar jember banyuwangi lamongan gresik sidoarjo mojokerto pasuruan
    probolinggo sumatera sumatra jawa java kalimantan borneo sulawesi papua maluku nusa
    tenggara aceh riau kepulauan gorontalo bangka belitung flores lombok timor sabah sarawak
    moskow moscow beijing washington london paris berlin tokyo kiev kyiv kairo cairo riyadh
    teheran tehran baghdad ankara istanbul delhi mumbai canberra sydney melbourne ottawa
    toronto geneva jenewa brussels brussel roma rome madrid lisbon amsterdam wina vienna
    warsawa warsaw oslo stockholm helsinki copenhagen kopenhagen athena athens hanoi bangkok
    manila kuala lumpur seoul pyongyang taipei taiwan hong kong xinjiang tibet new york
    chicago boston bristol leeds manchester liverpool birmingham glasgow edinburgh cardiff
    belfast dublin portland maine oregon california texas florida reykjavik patagonia
    lewiston hereford europe eropa asia asean atlantic atlantik pacific pasifik"""
)

WEEKDAYS = {name: day for pack in PACKS.values() for name, day in pack.weekdays.items()}
MONTHS = {name: month for pack in PACKS.values() for name, month in pack.months.items()}
# Fixed offsets in minutes; named zones with daylight saving are resolved with zoneinfo.
TZ_OFFSETS = {
    "wib": 420, "wita": 480, "wit": 540, "gmt": 0, "utc": 0, "z": 0, "bst": 60, "cet": 60,
    "cest": 120, "eet": 120, "eest": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "aest": 600, "aedt": 660, "sgt": 480,
    "myt": 480, "hkt": 480, "jst": 540, "kst": 540, "ist": 330, "msk": 180,
}  # fmt: skip
TZ_NAMES = {"et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
            "pt": "America/Los_Angeles"}  # fmt: skip

# Well-known outlets whose display name is not just the capitalised domain label.
OUTLET_NAMES = {
    "republika.co.id": "Republika", "kompas.com": "Kompas", "kompas.id": "Kompas",
    "detik.com": "detikcom", "antaranews.com": "ANTARA", "cnnindonesia.com": "CNN Indonesia",
    "tempo.co": "Tempo", "liputan6.com": "Liputan6", "tribunnews.com": "Tribunnews",
    "thejakartapost.com": "The Jakarta Post", "bbc.co.uk": "BBC", "bbc.com": "BBC",
    "reuters.com": "Reuters", "apnews.com": "AP", "theguardian.com": "The Guardian",
    "nytimes.com": "The New York Times", "cnn.com": "CNN",
}  # fmt: skip

# Lower-case nouns that, placed right before a capitalised run, name a work or an organisation.
NON_PERSON_HEADS = _words(
    """journal newspaper magazine charity company firm group band film book report scheme
    programme program campaign app website album song majalah harian koran buku lagu
    kelompok perusahaan klub tim organisasi lembaga yayasan partai"""
)

# Capitalised words that start a place name ("Tanjung Baru", "Punta Alta", "Port Moresby"):
# the run they start is a place, never a person.
PLACE_HEADS = _words(
    """tanjung teluk pantai kampung dusun bukit muara kuala lembah ujung pulo sei selat
    punta puerto porto port fort cape lake mount bay kawasan"""
)
# Balinese naming: "I"/"Ni" before a birth-order or caste name belongs to the full name.
BALINESE_NAMES = _words(
    """wayan made nyoman ketut putu gede kadek komang luh gusti ngurah nengah gde nyoman
    agung bagus"""
)
# Residents and trades named by where they live or work: "warga Waingapu", "nelayan Kupang".
# A single capitalised word right after one of these is a place, not a person's name.
RESIDENT_NOUNS = _words(
    """warga penduduk nelayan penenun petani pedagang perajin pengrajin peternak pekebun
    penambang buruh residents villagers"""
)
# Plural nouns for groups of people: a capitalised one starts a sentence, it is not a name.
GROUP_NOUNS = _words(
    """officials authorities police experts critics witnesses residents organisers organizers
    scientists researchers doctors villagers protesters students parents neighbours neighbors
    locals investigators rescuers firefighters paramedics prosecutors lawyers sources people
    fans players voters workers analysts economists officers teachers nurses farmers traders
    vendors activists campaigners volunteers survivors relatives families passengers
    commuters shoppers staff employees observers diplomats lawmakers legislators leaders
    members supporters opponents residents"""
)

# Role nouns that are also common surnames ("Lukman Hakim", "Paul Farmer"): never split a run.
AMBIGUOUS_ROLE_NAMES = frozenset({"hakim", "farmer", "senior", "chef", "owner", "author", "guru"})
