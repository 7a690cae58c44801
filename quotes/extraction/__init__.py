"""Article quote extraction: source metadata and candidate quotes from a news article.

Pure Python (no Django models, no database); see ``extract_article``.
"""

from .extractor import MAX_ARTICLE_CHARS, ArticleTooLong, extract_article
from .types import ExtractedQuote, ExtractedSource, ExtractionResult

__all__ = [
    "MAX_ARTICLE_CHARS",
    "ArticleTooLong",
    "ExtractedQuote",
    "ExtractedSource",
    "ExtractionResult",
    "extract_article",
]
