"""English: the words and marks the extractor reads in English articles."""

from . import LanguagePack, alternation, words

PACK = LanguagePack(
    code="en",
    quote_styles=frozenset({"double_apostrophe"}),
    pronouns=words("he she"),
    plural_pronouns=words("they we"),
    genders={
        **dict.fromkeys(("he", "mr", "sir", "lord"), "m"),
        **dict.fromkeys(("she", "mrs", "ms", "miss", "dame", "lady"), "f"),
    },
    pronoun_suffixes=(),
    honorifics=words(
        """mr mrs ms miss mx sir dame lord lady dr prof rev fr sen rep gov lt gen capt sgt col
        maj adm cmdr cpl pvt rabbi sheikh"""
    ),
    given_name_prefixes=frozenset(),
    name_suffixes=words("jr jr. sr sr. ii iii iv"),
    # Not after "at" ("a jab at Bernie Sanders") nor before a second capitalised word ("in
    # Steve Israel's district" names a person).
    place_patterns=(r"\b(?:in|near|across|outside|throughout)\s+([A-Z][\w-]*)(?!['’]s\b|[\w-]|\s+[A-Z])",),
    not_name_words=words(
        """republican republicans democratic democrat democrats gop libertarian conservative
        liberal labour tory tories independent american americans british european federal
        congressional presidential senate house white national state county city"""
    ),
    not_name_suffixes=("-based", "-born", "-led", "-backed", "-owned", "-run"),
    function_words=words(
        """a an the this that these those it its in on at of for from by with to and or but as if
        when while after before since until because although though however meanwhile then now
        so yet also still not no yes all some many most more few each every both either neither
        other another such what which who whom whose where why how there here we i you they he
        she his her their our my your me him them us asked according last next first new one
        two three despite during under over into about against among between without mr mrs ms
        q"""
    ),
    verb_cues=words(
        """said says say told tells added adds stated states explained explains asked asks
        noted notes warned warns wrote writes insisted insists replied replies recalled
        recalls argued argues continued continues admitted admits acknowledged
        acknowledges declared declares remarked observed conceded concedes cautioned
        claimed claims estimated estimates predicted predicts confirmed confirms
        announced announces believes believed maintained maintains suggested suggests
        stressed stresses emphasised emphasized testified reiterated asserted asserts
        denied denies revealed reveals vowed vows promised promises tweeted tweets
        contended contends alleged alleges pledged pledges boasted boasts bragged brags
        complained complains countered counters responded responds repeated repeats
        mused muses quipped quips joked jokes charged charges disclosed discloses
        informed informs assured assures answered answers yelled yells shouted shouts
        exclaimed exclaims"""
    )
    | {"pointed out", "points out", "point out", "made clear", "makes clear"}
    | words("tell argue note insist warn claim explain acknowledge deny suggest predict"),
    complementisers=words("that"),
    clause_only_cues=words("asked asks continued continues recalled recalls replied replies states"),
    object_cues=words("told tells asked asks warned warns assured assures informed informs promised"),
    stance_cues=words(
        """called calls calling described describes describing dubbed labelled labeled termed
        saying telling adding arguing insisting warning promising vowing pledged urged urging
        accused accusing praised criticized criticised slammed blasted"""
    ),
    document_patterns=(
        r"\b(?:the|a|an|its|their|his|her|this|that|one|another)\s+(?:[\w'’-]+\s+){0,2}?"
        r"(?:report|study|document|letter|ruling|survey|findings|filing|indictment|judgment|"
        r"judgement|paper|review|statement|email|e-mail|memo|editorial|column|tweet|post|"
        r"message|release|transcript|passage|article|book|memoir|ad|advertisement|op-ed|poll|"
        r"blog|petition|complaint|lawsuit|headline|website)\s*$",
    ),
    document_verbs=words("read reads"),
    cue_adverbs=words(
        """also then later previously had has have once again recently earlier further repeatedly
        publicly privately only simply just quickly even still often frequently always never
        now flatly since did does would will could however"""
    ),
    cue_adverb_suffixes=("ly",),
    cue_lead_ins=frozenset({"continued to", "continues to", "went on to", "goes on to"}),
    bare_clause_cues=words("said says say told tells"),
    thought_cues=words("believes believed believe"),
    participle_cues=words(
        """saying telling adding arguing noting insisting warning predicting suggesting claiming
        explaining stressing pointing"""
    ),
    commitment_cues=words("pledged pledges vowed vows promised promises threatened threatens"),
    infinitive_marker="to",
    non_clause_starts=words(
        """to in on at for with by of from as after before when while during about
        since despite until upon without into over against toward towards
        adding alluding standing referring speaking citing according claiming noting asked
        asking pointing calling describing saying telling later earlier"""
    ),
    clause_subjects=words("he she they it we i you there these those"),
    determiners=words(
        """the a an his her their its our my your some many most all no any every each both
        several few other only this that"""
    ),
    epithet_nouns=words(
        """candidate nominee businessman businesswoman billionaire mogul donor front-runner
        frontrunner congressman congresswoman lawmaker politician contender hopeful magnate
        socialist democrat republican
        tycoon star actress actor singer comedian host pope pontiff"""
    ),
    clause_end_words=words("though although whereas noting adding saying stating according however compared"),
    noun_object_cues=words(
        """announced announces announcing tweeted tweets tweeting mentioned mentions mentioning
        described describes describing recalled recalls recounted recounts acknowledged
        acknowledges denied denies explained explains stated touted touts touting stressed
        stresses emphasized emphasised reiterated reiterates disclosed discloses revealed
        reveals discussed discusses outlined outlines detailed"""
    )
    | {
        "spoke about",
        "spoke of",
        "talked about",
        "talks about",
        "commented on",
        "commenting on",
        "wrote about",
        "writes about",
        "complained about",
        "boasted about",
        "bragged about",
        "warned of",
        "warned about",
    },
    comma_cue_interrupts=True,
    auxiliaries=words(
        """is are was were be been being has have had will would shall should can could may might
        must do does did won't wouldn't can't couldn't isn't wasn't weren't hasn't haven't hadn't
        broke made took gave went came saw knew thought felt told said found became began kept
        left lost met paid put ran sold spent stood won wrote held brought bought built fell grew
        hit led meant rose sent set shut cut let got remains needs wants plans expects faces"""
    ),
    object_participles=words("telling"),
    cue_adjunct_pattern=(
        r"(?:on|last|this|next)\s+\w+|yesterday|today|earlier|later|again|also|"
        r"in an? (?:[\w-]+\s+){0,2}?(?:statement|interview|speech|letter|post|email|report|briefing|debate)"
        r"(?:\s+(?:on|in|to|with)\s+[\w\s]{1,30}?)?(?=\s+that\b|,|\s)|at an? [\w\s-]{1,30}?(?=\s+that\b)"
    ),
    adverbial_openers=words("as while when after before because"),
    adjunct_prepositions=words("in on at during after before to"),
    trailing_adjunct_prepositions=words("in on at during"),
    clause_prepositions=words("to in on at for with by of from as"),
    imperative_cues=words("say says"),
    non_clause_patterns=(
        r"so",
        r"it(?!\s+(?:is|was|would|will|could|should|has|had|must|might|may|can|does|did|isn['’]t|"
        r"wasn['’]t|won['’]t|wouldn['’]t|doesn['’]t|didn['’]t|made|took|gave|kept|meant|needs|remains|"
        r"[a-z]{3,}ed)\b)",
        r"this(?!\s+(?:year|week|month|season|morning|afternoon|evening|summer|winter|spring|autumn)\b)",
    ),
    aside_subordinators=words("as"),
    cue_particles=words("out"),
    possessive_pronouns={"his": "he", "her": "she"},
    nominal_adjunct_words=words("on in last this"),
    existential_pattern=r"there\s+(?:is|are|was|were)",
    perfect_auxiliaries=words("has have"),
    same_event_patterns=(
        r"the\s+(?:same\s+)?"
        + alternation(
            [
                "meeting",
                "hearing",
                "vote",
                "session",
                "news conference",
                "press conference",
                "rally",
                "protest",
                "ceremony",
            ]
        )
        + r"|post-match|after the (?:match|game|race)|told the (?:board|council|committee)",
    ),
    definite_articles=words("the"),
    indefinite_articles=words("a an"),
    origin_prepositions=words("of from at"),
    personal_relatives=words("who whose"),
    name_object_prepositions=words("of for at in from with by to on near outside"),
    noun_object_adjunct_words=words("on last this earlier also again publicly"),
    hearers=words("him her them us me reporters journalists parliament lawmakers"),
    disjunctions=words("or"),
    question_labels=words("Q Question"),
    answer_labels=words("A Answer"),
    retrospective_patterns=(r"(?:he|she|[A-Z]\w+) made the (?:remarks|comments)",),
    narration_cues=words("said says told"),
    role_boundary_words=words("said says told according"),
    time_words=words("ago yesterday today tonight earlier later last year years month months week weeks"),
    poll_words=words("poll polls polling survey surveys respondents"),
    nominal_cues=words(
        """claim claims promise promises pledge pledges vow vows assertion assertions insistence
        warning warnings suggestion argument statement remarks comments charge charges
        accusation accusations denial"""
    ),
    relative_words=words("which who whose where"),
    subordinators=words("when after before while if since because although though once until unless whereas"),
    quantity_words=words(
        """percent half majority most many some several few all none others dozen dozens hundreds
        thousands two three four five six seven eight nine ten twenty thirty forty fifty
        sixty seventy eighty ninety hundred"""
    ),
    possessives=words("his her their its our my your"),
    presenting_words=words("namely"),
    non_report_markers=words("to not never would could should might can was is been be were did does do"),
    contrast_conjunctions=words("but"),
    sentence_words=words(
        """as if when while after before since though although because despite during bashing
        hammering slamming blasting meanwhile still yet even also however indeed instead
        journalist reporter commentator columnist host anchor pollster strategist"""
    ),
    role_nouns=words(
        """director manager minister secretary spokesman spokeswoman spokesperson chief
        executive councillor councilor coach mayor judge prosecutor representative
        shopkeeper senior student professor president chairman chair head leader officer
        official economist analyst researcher author founder owner resident nurse doctor
        teacher lawyer barrister solicitor captain striker midfielder goalkeeper
        defender player farmer worker activist campaigner organiser organizer chef
        editor governor senator parent trader vendor shopper commuter patient survivor
        witness volunteer member magistrate user adviser advisor strategist pollster
        consultant aide attorney"""
    ),
    weekdays={
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
        "mon": 0,
        "tue": 1,
        "tues": 1,
        "wed": 2,
        "thu": 3,
        "thur": 3,
        "thurs": 3,
        "fri": 4,
        "sat": 5,
        "sun": 6,
    },
    months={
        "april": 4,
        "september": 9,
        "november": 11,
        "january": 1,
        "february": 2,
        "march": 3,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "october": 10,
        "december": 12,
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    },
    source_prepositions=frozenset({"according to"}),
    conjunctions=words("and"),
    zone_from_dateline=True,
    stopwords=words(
        """the and of to in is that for on with was said he she it as are by be this have
        from at his her has were will would not they their who an"""
    ),
)
