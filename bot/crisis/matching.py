"""A spaCy Matcher front end that only runs the patterns that can start in a message.

spaCy's Matcher tries every pattern at every token, so its cost grows with the number of
patterns (about a microsecond each per short message here). Every compiled pattern starts
with a literal word or lemma set (:mod:`bot.crisis.grammar` trims optional edges), so
patterns are bucketed by that anchor set, one Matcher per bucket, and a message runs only
the buckets whose anchor words it contains. The matches are exactly those of one Matcher
holding every pattern.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.crisis.grammar import MatcherPattern

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

Anchor = tuple[str, frozenset[str]]


def anchor_of(pattern: MatcherPattern) -> Anchor:
    first = pattern[0]
    for attribute in ("LOWER", "LEMMA"):
        if attribute in first:
            value = first[attribute]
            words = value["IN"] if isinstance(value, dict) else [value]
            return attribute, frozenset(str(word) for word in words)
    raise ValueError(f"pattern does not start with a word or lemma: {pattern!r}")


class AnchoredMatcher:
    def __init__(self, vocab: Vocab) -> None:
        self._vocab = vocab
        self._pending: dict[Anchor, dict[str, list[MatcherPattern]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._matchers: list[Matcher] = []
        self._index: dict[tuple[str, str], list[int]] = {}
        self._count = 0

    def add(self, key: str, patterns: Sequence[MatcherPattern]) -> None:
        if self._matchers:
            raise RuntimeError("patterns must all be added before the first match")
        for pattern in patterns:
            self._pending[anchor_of(pattern)][key].append(pattern)
            self._count += 1

    def freeze(self) -> None:
        from spacy.matcher import Matcher

        index: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, (anchor, by_key) in enumerate(self._pending.items()):
            matcher = Matcher(self._vocab)
            for key, patterns in by_key.items():
                matcher.add(key, patterns)
            self._matchers.append(matcher)
            attribute, words = anchor
            for word in words:
                index[(attribute, word)].append(position)
        self._index = dict(index)
        self._pending.clear()

    @property
    def pattern_count(self) -> int:
        return self._count

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        buckets: set[int] = set()
        for token in doc:
            buckets.update(self._index.get(("LOWER", token.lower_), ()))
            buckets.update(self._index.get(("LEMMA", token.lemma_), ()))
        strings = self._vocab.strings
        found: set[tuple[str, int, int]] = set()
        for position in sorted(buckets):
            for match_id, start, end in self._matchers[position](doc):
                found.add((strings[match_id], start, end))
        return sorted(found, key=lambda match: (match[1], match[2], match[0]))
