"""Per-language analyzers behind one interface (`base.Analyzer`)."""

from __future__ import annotations

from functools import cache

from eventcoder.analyzers.base import Analyzer, Sentence, Token

SUPPORTED_LANGUAGES = ("ru", "en")


@cache
def analyzer_for(language: str) -> Analyzer:
    """The process-wide analyzer for `language`; models load on first use and are then reused."""
    if language == "ru":
        from eventcoder.analyzers.ru import RussianAnalyzer

        return RussianAnalyzer()
    if language == "en":
        from eventcoder.analyzers.en import EnglishAnalyzer

        return EnglishAnalyzer()
    raise ValueError(f"no analyzer for language {language!r} (supported: {', '.join(SUPPORTED_LANGUAGES)})")


__all__ = ["SUPPORTED_LANGUAGES", "Analyzer", "Sentence", "Token", "analyzer_for"]
