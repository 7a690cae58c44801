"""Article quote extraction: source metadata and candidate quotes from a news article.

Pure Python (no Django models, no database); see ``extract_article``.
"""

from .extractor import extract_article
from .types import ExtractedQuote, ExtractedSource, ExtractionResult

__all__ = ["ExtractedQuote", "ExtractedSource", "ExtractionResult", "extract_article"]
