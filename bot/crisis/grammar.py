"""Compiles the token language of :mod:`bot.crisis.patterns` into spaCy Matcher patterns.

Pure Python (no spaCy import): a form becomes one or more lists of token dicts, one list per
expansion of its ``( ... | ... )`` groups.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from bot.crisis.errors import PatternSyntaxError

TokenSpec = dict[str, object]

GAP_EXCLUDES = frozenset(("not", "never", "no", "nah", "nope", "nor", "without", ".", "!", "?"))
MatcherPattern = list[TokenSpec]


def compile_form(form: str, macros: Mapping[str, tuple[str, ...]]) -> list[MatcherPattern]:
    """All Matcher patterns that `form` stands for."""
    expansions: list[MatcherPattern] = []
    for alternative in _expand(form.strip(), macros):
        pattern = _trim_optional_edges(alternative)
        if not pattern:
            raise PatternSyntaxError(f"pattern can match an empty span: {form!r}")
        if pattern not in expansions:
            expansions.append(pattern)
    return expansions


def _trim_optional_edges(pattern: list[TokenSpec]) -> MatcherPattern:
    """Leading and trailing optional tokens change no match span's meaning; drop them."""
    start, end = 0, len(pattern)
    while start < end and pattern[start].get("OP"):
        start += 1
    while end > start and pattern[end - 1].get("OP"):
        end -= 1
    return pattern[start:end]


def _expand(form: str, macros: Mapping[str, tuple[str, ...]]) -> list[list[TokenSpec]]:
    pieces: list[list[list[TokenSpec]]] = []
    for element in _split(form):
        if element.startswith("("):
            optional = element.endswith("?")
            body = element[1 : -2 if optional else -1]
            choices: list[list[TokenSpec]] = []
            for alternative in _split_alternatives(body):
                choices.extend(_expand(alternative.strip(), macros))
            choices = _merge_single_words(choices)
            if optional:
                choices.append([])
            pieces.append(choices)
        else:
            pieces.append([[_atom(element, macros)]])
    return [
        [token for part in combination for token in part]
        for combination in itertools.product(*pieces)
    ]


def _merge_single_words(choices: list[list[TokenSpec]]) -> list[list[TokenSpec]]:
    """One `IN` token for all one-word alternatives per attribute, instead of one each."""
    merged: dict[str, set[str]] = {}
    rest: list[list[TokenSpec]] = []
    for choice in choices:
        mergeable = len(choice) == 1 and "OP" not in choice[0] and len(choice[0]) == 1
        value = next(iter(choice[0].values())) if mergeable else None
        if mergeable and (isinstance(value, str) or (isinstance(value, dict) and "IN" in value)):
            ((attribute, value),) = choice[0].items()
            words = value["IN"] if isinstance(value, dict) else [value]
            merged.setdefault(attribute, set()).update(words)  # type: ignore[arg-type]
        else:
            rest.append(choice)
    singles: list[list[TokenSpec]] = [
        [{attribute: next(iter(words)) if len(words) == 1 else {"IN": sorted(words)}}]
        for attribute, words in sorted(merged.items())
    ]
    return singles + rest


def _split(form: str) -> list[str]:
    """Top-level elements: atoms and parenthesised groups (with a possible `?`)."""
    elements: list[str] = []
    depth = 0
    current = ""
    for char in form:
        if char == "(":
            if depth == 0 and current.strip():
                elements.extend(current.split())
                current = ""
            depth += 1
            current += char
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise PatternSyntaxError(f"unbalanced ')' in {form!r}")
            current += char
        elif char.isspace() and depth == 0:
            if current:
                elements.append(current)
            current = ""
        else:
            current += char
    if depth:
        raise PatternSyntaxError(f"unbalanced '(' in {form!r}")
    if current:
        elements.append(current)
    return [element for element in elements if element]


def _split_alternatives(body: str) -> list[str]:
    alternatives: list[str] = []
    depth = 0
    current = ""
    for char in body:
        if char == "|" and depth == 0:
            alternatives.append(current)
            current = ""
            continue
        depth += (char == "(") - (char == ")")
        current += char
    alternatives.append(current)
    return alternatives


def _atom(atom: str, macros: Mapping[str, tuple[str, ...]]) -> TokenSpec:
    if atom.startswith("~"):
        try:
            count = int(atom[1:])
        except ValueError:
            raise PatternSyntaxError(f"bad gap {atom!r}") from None
        # A gap never swallows a negation: patterns that mean one spell it out.
        return {"LOWER": {"NOT_IN": sorted(GAP_EXCLUDES)}, "OP": f"{{0,{count}}}"}
    if atom == "#MANY":
        return {"LOWER": {"REGEX": "^[1-9][0-9]+$"}}
    optional = atom.endswith("?") and len(atom) > 1
    if optional:
        atom = atom[:-1]
    attribute = "LOWER"
    if atom.startswith("@"):
        attribute = "LEMMA"
        atom = atom[1:]
    words: list[str] = []
    for word in atom.split("|"):
        if word.startswith("%"):
            try:
                words.extend(macros[word[1:]])
            except KeyError:
                raise PatternSyntaxError(f"unknown macro {word!r}") from None
        elif word:
            words.append(word)
    if not words:
        raise PatternSyntaxError(f"empty token {atom!r}")
    spec: TokenSpec = {attribute: words[0] if len(words) == 1 else {"IN": sorted(set(words))}}
    if optional:
        spec["OP"] = "?"
    return spec
