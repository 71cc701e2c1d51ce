"""How many people an event killed, as the sentence says it, in Russian and English words
(`codebooks/fatalities/<lang>.yaml`). ACLED's rule: a number only when the text gives one, 0 only
when it says that nobody died, unknown otherwise."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eventcoder.codebook import PACKAGE_CODEBOOKS, CodebookError, alternation, read_language_file, word_numbers

MAX_FATALITIES = 1_000_000  # beyond this a "number" is a year or a sum of money
# digits with thousands separators as news writes them: "1,200", "1 200" (a no-break space too)
DIGITS = r"(?P<n>\d{1,3}(?:[,\u00a0 ]\d{3})+(?!\d)|\d+"


@dataclass(frozen=True, slots=True)
class FatalityWords:
    patterns: tuple[re.Pattern[str], ...]
    zero: tuple[re.Pattern[str], ...]
    numbers: dict[str, int]


@cache
def fatality_words(language: str, root: Path = PACKAGE_CODEBOOKS) -> FatalityWords | None:
    found = read_language_file("fatalities", language, root)
    if found is None:
        return None
    data, display = found
    numbers = word_numbers(data.get("numbers"))
    number_words = alternation(numbers)

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        try:
            return tuple(
                # a number word, or two ("двадцать пять", "twenty five"), whole words only
                re.compile(
                    str(p)
                    .replace("{number}", rf"(?:\b(?:{number_words})(?:[\s-]+(?:{number_words}))?\b)")
                    .replace(r"(?P<n>\d+", DIGITS),
                    re.IGNORECASE,
                )
                for p in data.get(key) or []
            )
        except re.error as error:
            raise CodebookError(f"{display}: a `{key}` pattern is not a valid regular expression ({error})") from None

    return FatalityWords(compile_all("patterns"), compile_all("zero"), numbers)


def _number_in_words(raw: str, numbers: dict[str, int]) -> int | None:
    """ "пять" → 5; "двадцать пять", "twenty-five" → 25 (tens then units); None for anything else."""
    phrase = " ".join(raw.split())
    if phrase in numbers:
        return numbers[phrase]
    parts = [numbers.get(word) for word in re.split(r"[\s-]+", raw)]
    if None in parts:
        return None
    if len(parts) == 2 and not (parts[0] % 10 == 0 and 0 < parts[1] < 10):  # type: ignore[operator]
        return None
    return sum(parts)  # type: ignore[arg-type]


def count_fatalities(text: str, language: str) -> int | None:
    """The deaths a sentence reports (the sum of separate counts), 0 when it says nobody died, else None."""
    words = fatality_words(language)
    if words is None:
        return None
    searchable = text.replace("ё", "е").replace("Ё", "Е")
    spans: list[tuple[int, int, int]] = []
    for pattern in words.patterns:
        for match in pattern.finditer(searchable):
            raw = match.group("n").lower()
            digits = re.sub(r"[,.\s]", "", raw)
            number = int(digits) if digits.isdigit() else _number_in_words(raw, words.numbers)
            if number is None or number > MAX_FATALITIES:
                continue
            start, end = match.span("n")
            if not any(s < end and start < e for s, e, _ in spans):
                spans.append((start, end, number))
    if spans:
        return sum(number for _, _, number in spans)
    if any(pattern.search(searchable) for pattern in words.zero):
        return 0
    return None
