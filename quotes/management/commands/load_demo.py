from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction

from core.history import recording
from quotes import services
from quotes.dates import PartialDate, Precision
from quotes.models import Quote, Role, Speaker, SpeakerAlias, text_fingerprint
from sources import services as source_services
from sources.models import Contributor, Outlet, Source

# The example the product was designed from: Republika, Wednesday 20 September 2023,
# 14:35 WIB, reporting talks in Moscow on Tuesday 19 September 2023. Quotes are in
# Indonesian translation; the words were spoken in Russian and Chinese.
OUTLET = {
    "slug": "republika",
    "name": "Republika",
    "domain": "republika.co.id",
    "country": "ID",
    "language": "id",
    "timezone": "Asia/Jakarta",
}
SOURCE = {
    "title": "Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat",
    "kind": Source.Kind.NEWS_ARTICLE,
    "published_at": datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")),
    "timezone": "Asia/Jakarta",
    "language": "id",
    "dateline": "Moscow",
}
CONTRIBUTORS = [("Rizky Jaramaya", Contributor.Role.AUTHOR), ("Esthi Maharani", Contributor.Role.EDITOR)]
SPEAKERS = [
    {
        "slug": "nikolai-patrushev",
        "name": "Nikolai Patrushev",
        "description": "Russian security official; Secretary of the Security Council of Russia 2008–2024.",
        "aliases": ["Patrushev", "Nikolai Platonovich Patrushev", "Николай Патрушев"],
        "roles": [
            {
                "title": "Secretary of the Security Council of Russia",
                "organisation": "Security Council of the Russian Federation",
                "start_date": date(2008, 5, 12),
                "end_date": date(2024, 5, 14),
            }
        ],
    },
    {
        "slug": "wang-yi",
        "name": "Wang Yi",
        "description": "Chinese diplomat; Minister of Foreign Affairs of China.",
        "aliases": ["Wang", "王毅"],
        "roles": [
            {
                "title": "Minister of Foreign Affairs",
                "organisation": "People's Republic of China",
                "start_date": date(2023, 7, 25),
                "end_date": None,
            }
        ],
    },
]
MOSCOW_TALKS = "Talks in Moscow with Chinese Foreign Minister Wang Yi during his four-day visit to Russia."
QUOTES = [
    {
        "speaker": "nikolai-patrushev",
        "text": "Di tengah kampanye yang dilancarkan oleh kolektif Barat yang bertujuan untuk membendung "
        "Rusia dan Cina sangatlah penting untuk lebih memperdalam koordinasi dan interaksi Rusia-Cina "
        "di arena internasional",
        "type": Quote.Type.DIRECT,
        "said_on": date(2023, 9, 19),
        "place": "Moscow",
        "context": MOSCOW_TALKS,
        "tags": ["Russia–China relations", "Geopolitics"],
        "locator": "paragraph 2",
        "excerpt": "“Di tengah kampanye yang dilancarkan oleh kolektif Barat yang bertujuan untuk membendung "
        "Rusia dan Cina sangatlah penting untuk lebih memperdalam koordinasi dan interaksi Rusia-Cina "
        "di arena internasional,” kata Patrushev.",
    },
    {
        "speaker": "nikolai-patrushev",
        "text": "Moskow menginginkan penguatan hubungan kemitraan komprehensif dan kerja sama "
        "strategis Rusia-Cina",
        "type": Quote.Type.INDIRECT,
        "said_on": date(2023, 9, 19),
        "place": "Moscow",
        "context": MOSCOW_TALKS,
        "tags": ["Russia–China relations"],
        "locator": "paragraph 1",
        "excerpt": "Sekretaris Dewan Keamanan Rusia Nikolai Patrushev mengatakan kepada Menteri Luar Negeri "
        "Cina, Wang Yi bahwa Moskow menginginkan penguatan hubungan kemitraan komprehensif dan kerja "
        "sama strategis Rusia-Cina.",
    },
    {
        "speaker": "nikolai-patrushev",
        "text": "Presiden Vladimir Putin akan mengadakan pembicaraan substantif dengan pemimpin Cina, Xi "
        "Jinping, selama perjalanan ke Beijing pada Oktober mendatang",
        "type": Quote.Type.INDIRECT,
        "said_on": date(2023, 9, 19),
        "place": "Moscow",
        "context": MOSCOW_TALKS,
        "tags": ["Russia–China relations", "Belt and Road"],
        "locator": "paragraph 3",
        "excerpt": "Patrushev mencatat, Presiden Vladimir Putin akan mengadakan pembicaraan substantif "
        "dengan pemimpin Cina, Xi Jinping, selama perjalanan ke Beijing pada Oktober mendatang.",
    },
    {
        "speaker": "nikolai-patrushev",
        "text": "isu-isu itu digunakan oleh Barat untuk mendiskreditkan Cina",
        "type": Quote.Type.INDIRECT,
        "said_on": date(2023, 9, 19),
        "place": "Moscow",
        "context": MOSCOW_TALKS + " On Taiwan, Xinjiang and Hong Kong.",
        "tags": ["Russia–China relations", "Taiwan", "Xinjiang", "Hong Kong"],
        "locator": "paragraph 4",
        "excerpt": "Patrushev menegaskan kembali dukungan Rusia terhadap kebijakan Beijing mengenai isu-isu "
        "yang berkaitan dengan Taiwan, wilayah Xinjiang barat, dan Hong Kong. Menurut dia, isu-isu itu "
        "digunakan oleh Barat untuk mendiskreditkan Cina.",
    },
    {
        "speaker": "wang-yi",
        "text": "Semakin keras tindakan hegemoni unilateral dan konfrontasi blok, semakin penting bagi kita "
        "untuk mengikuti perkembangan zaman, menunjukkan rasa tanggung jawab sebagai negara besar, dan "
        "semakin memenuhi kewajiban internasional kita",
        "type": Quote.Type.DIRECT,
        # The article says only that he began his visit, which started on Monday 18/9/2023, with these talks.
        "said_on": date(2023, 9, 18),
        "approximate": True,
        "original_language": "zh",
        "place": "Russia",
        "context": "Talks with Russian Foreign Minister Sergey Lavrov at the start of a four-day "
        "visit to Russia.",
        "tags": ["Russia–China relations", "Geopolitics"],
        "locator": "paragraph 11",
        "excerpt": "“Semakin keras tindakan hegemoni unilateral dan konfrontasi blok, semakin penting "
        "bagi kita untuk mengikuti perkembangan zaman, menunjukkan rasa tanggung jawab sebagai "
        "negara besar, dan semakin memenuhi kewajiban internasional kita,” kata Wang saat "
        "berbicara dengan Lavrov.",
    },
]


class Command(BaseCommand):
    help = "Load the demo data: the quotes of the Republika article of 20 September 2023. Idempotent."

    def handle(self, *args, **options):
        self.created = 0
        with transaction.atomic(), recording(via="load_demo"):
            self.load()
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {self.created} new rows."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")

    def made(self, instance):
        self.created += 1
        return instance

    # Existing rows are never touched: editors may have changed them.
    def load(self):
        outlet = Outlet.objects.filter(slug=OUTLET["slug"]).first() or self.made(
            source_services.outlet_create(**OUTLET)
        )
        if not outlet.timezone:  # recorded before outlets had a time zone: fill the blank only
            outlet = self.made(source_services.outlet_update(outlet=outlet, timezone=OUTLET["timezone"]))
        source = Source.objects.filter(title=SOURCE["title"], outlet=outlet).first() or self.made(
            source_services.source_create(outlet=outlet, **SOURCE)
        )
        for position, (name, role) in enumerate(CONTRIBUTORS):
            if not source.contributors.filter(name=name, role=role).exists():
                contributor = Contributor(source=source, name=name, role=role, position=position)
                self.made(source_services.contributor_save(contributor=contributor))

        speakers = {}
        for spec in SPEAKERS:
            speaker = Speaker.objects.filter(slug=spec["slug"]).first()
            if speaker is None:
                speaker = self.made(
                    services.speaker_create(
                        user=None, name=spec["name"], slug=spec["slug"], description=spec["description"]
                    )
                )
            for alias in spec["aliases"]:
                if not speaker.aliases.filter(name=alias).exists():
                    self.made(services.alias_save(alias=SpeakerAlias(speaker=speaker, name=alias), user=None))
            for role in spec["roles"]:
                if not speaker.roles.filter(title=role["title"]).exists():
                    self.made(services.role_save(role=Role(speaker=speaker, **role), user=None))
            speakers[spec["slug"]] = speaker

        for spec in QUOTES:
            speaker = speakers[spec["speaker"]]
            quote = Quote.objects.filter(speaker=speaker, fingerprint=text_fingerprint(spec["text"])).first()
            if quote is None:
                said = spec["said_on"]
                quote = self.made(
                    services.quote_create(
                        user=None,
                        speaker=speaker,
                        text=spec["text"],
                        type=spec["type"],
                        language="id",
                        original_language=spec.get("original_language", "ru"),
                        said_on=PartialDate(said, Precision.DAY),
                        said_on_approximate=spec.get("approximate", False),
                        place=spec["place"],
                        context=spec["context"],
                        tags=spec["tags"],
                    )
                )
            if not quote.citations.filter(source=source).exists():
                self.made(
                    services.citation_create(
                        quote=quote,
                        source=source,
                        user=None,
                        locator=spec["locator"],
                        excerpt=spec["excerpt"],
                    )
                )
