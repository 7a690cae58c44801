"""English: the words and marks the extractor reads in English articles."""

from . import LanguagePack, words

PACK = LanguagePack(
    code="en",
    quote_styles=frozenset({"double_apostrophe"}),
    pronouns=words("he she"),
    plural_pronouns=words("they we"),
    pronoun_suffixes=(),
    honorifics=words(
        """mr mrs ms miss mx sir dame lord lady dr prof rev fr sen rep gov lt gen capt sgt col
        maj adm cmdr cpl pvt rabbi sheikh"""
    ),
    given_name_prefixes=frozenset(),
    name_suffixes=words("jr jr. sr sr. ii iii iv"),
    place_patterns=(r"(?<![\w-])(?:in|at|near|across|outside|throughout)\s+([A-Z][\w-]*)(?!['’]s\b|[\w-])",),
    not_name_words=words(
        """republican republicans democratic democrat democrats gop libertarian conservative
        liberal labour tory tories independent american americans british european federal
        congressional presidential senate house white national state county city"""
    ),
    not_name_suffixes=("-based", "-born", "-led", "-backed", "-owned", "-run"),
    sentence_words=words(
        """as if when while after before since though although because despite during bashing
        hammering slamming blasting meanwhile still yet even also however indeed instead
        journalist reporter commentator columnist host anchor pollster strategist"""
    ),
)
