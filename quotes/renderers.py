"""Exports of quote and speaker lists: flat CSV and schema.org JSON-LD.

Both work from the serialized representation, so they say exactly what the JSON says.
"""

import json

from django.conf import settings

from core.api import CSVRenderer, JSONLDRenderer
from sources.serializers import source_schema_org

from .models import Quote

# Inside <script>, "</script>", "<!--" and "<script" change how the HTML parser reads on; as \u
# escapes the characters mean the same to a JSON reader and nothing to the HTML parser.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_safe_json(data) -> str:
    """JSON to embed in a <script type="application/ld+json"> element: no quote text can end it."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


QUOTE_CSV_COLUMNS = [
    "quote_id",
    "quote_url",
    "quote_page",
    "text",
    "language",
    "original_language",
    "type",
    "speaker_id",
    "speaker_name",
    "speaker_slug",
    "speaker_wikidata_id",
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
    "other_attributions",
    "citation_id",
    "citation_locator",
    "citation_excerpt",
    "source_id",
    "source_title",
    "source_url",
    "outlet_name",
    "outlet_domain",
    "source_authors",
    "source_published_at",
    "source_language",
    "created_at",
    "updated_at",
]


class QuoteCSVRenderer(CSVRenderer):
    """One row per quote and citation; a quote without citations still gets one row."""

    columns = QUOTE_CSV_COLUMNS

    def rows(self, quotes):
        for quote in quotes:
            speaker = quote["speaker"]
            base = {
                "quote_id": quote["id"],
                "quote_url": quote["url"],
                "quote_page": quote["permalink"],
                "text": quote["text"],
                "language": quote["language"],
                "original_language": quote["original_language"],
                "type": quote["type"],
                "speaker_id": speaker["id"],
                "speaker_name": speaker["name"],
                "speaker_slug": speaker["slug"],
                "speaker_wikidata_id": speaker["wikidata_id"],
                "role": quote["role"]["label"] if quote["role"] else "",
                "said_on": quote["said_on"],
                "said_on_precision": quote["said_on_precision"],
                "said_on_latest": quote["said_on_latest"],
                "said_on_approximate": quote["said_on_approximate"],
                "place": quote["place"],
                "context": quote["context"],
                "tags": "; ".join(tag["name"] for tag in quote["tags"]),
                "status": quote["status"],
                "status_note": quote["status_note"],
                "other_attributions": "; ".join(
                    f"{other['speaker']['name']} ({other['status']})" for other in quote["other_attributions"]
                ),
                "created_at": quote["created_at"],
                "updated_at": quote["updated_at"],
            }
            for citation in quote["citations"] or [None]:
                yield {**base, **self.citation_columns(citation)}

    @staticmethod
    def citation_columns(citation):
        if citation is None:
            return {}
        source = citation["source"]
        outlet = source["outlet"] or {}
        return {
            "citation_id": citation["id"],
            "citation_locator": citation["locator"],
            "citation_excerpt": citation["excerpt"],
            "source_id": source["id"],
            "source_title": source["title"],
            "source_url": source["url"],
            "outlet_name": outlet.get("name"),
            "outlet_domain": outlet.get("domain"),
            "source_authors": "; ".join(source["authors"]),
            "source_published_at": source["published_at"],
            "source_language": source["language"],
        }


def _person(speaker: dict, kind: str = "person") -> dict:
    node = {
        "@type": "Organization" if kind == "organisation" else "Person",
        "@id": speaker["url"],
        "name": speaker["name"],
    }
    if speaker.get("wikidata_id"):
        node["sameAs"] = f"https://www.wikidata.org/wiki/{speaker['wikidata_id']}"
    return node


def quote_schema_org(quote: dict) -> list[dict]:
    """A serialized quote as a schema.org Quotation, plus a ClaimReview when it carries a verdict."""
    speaker = _person(quote["speaker"])
    if quote["role"]:
        speaker["jobTitle"] = quote["role"]["label"]
    citations = [source_schema_org(citation["source"]) for citation in quote["citations"]]
    quotation = {
        "@type": "Quotation",
        "@id": quote["url"],
        "url": quote["permalink"],
        "text": quote["text"],
        "inLanguage": quote["language"],
        "spokenByCharacter": speaker,
        "dateCreated": quote["said_on"],
        "locationCreated": {"@type": "Place", "name": quote["place"]} if quote["place"] else None,
        "description": quote["context"] or None,
        "keywords": [tag["name"] for tag in quote["tags"]] or None,
        "citation": citations or None,
        "dateModified": quote["updated_at"],
    }
    if quote["original_language"]:
        quotation["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": quote["original_language"]}
    nodes = [{key: value for key, value in quotation.items() if value is not None}]
    if quote["status"] != Quote.Status.UNVERIFIED:
        nodes.append(claim_review_schema_org(quote, speaker, citations))
    return nodes


def claim_review_schema_org(quote: dict, speaker: dict, citations: list[dict]) -> dict:
    """The verdict on an attribution: the claim reviewed is that this speaker said these words."""
    review = {
        "@type": "ClaimReview",
        "@id": f"{quote['url']}#review",
        "url": quote["permalink"],
        "claimReviewed": f"{quote['speaker']['name']} said: “{quote['text']}”",
        "itemReviewed": {
            "@type": "Claim",
            "author": speaker,
            "appearance": citations,
            "datePublished": quote["said_on"],
        },
        "reviewRating": {"@type": "Rating", "alternateName": Quote.Status(quote["status"]).label},
        "reviewBody": quote["status_note"] or None,
        "datePublished": quote["reviewed_at"],
        "author": {"@type": "Organization", "name": settings.API_PUBLISHER_NAME},
    }
    return {key: value for key, value in review.items() if value is not None}


def speaker_schema_org(speaker: dict) -> list[dict]:
    node = _person(speaker, speaker.get("kind", "person"))
    node.update(
        {
            "alternateName": speaker["aliases"] or None,
            "description": speaker["description"] or None,
            "jobTitle": [role["label"] for role in speaker["roles"]] or None,
        }
    )
    return [{key: value for key, value in node.items() if value is not None}]


class QuoteJSONLDRenderer(JSONLDRenderer):
    def nodes(self, obj):
        return quote_schema_org(obj)


class SpeakerJSONLDRenderer(JSONLDRenderer):
    def nodes(self, obj):
        return speaker_schema_org(obj)
