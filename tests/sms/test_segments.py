"""Segmentation: GSM-7 and UCS-2 limits at their exact boundaries, cuts between words, the
extension characters that count 2, and punctuation kept in GSM-7."""

from __future__ import annotations

import pytest

from haven.sms.segments import encoding, pack, split, units


def words(count: int, word: str = "abcd") -> str:
    """`count` words of 4 letters: 5 units each with the space, 4 for the last."""
    return " ".join([word] * count)


def test_160_gsm7_characters_are_one_sms_and_161_are_two_parts() -> None:
    text = "a" * 150 + " " + "b" * 9  # 160
    assert encoding(text) == "gsm7" and units(text) == 160
    assert split(text) == [text]
    longer = text + "c"  # 161: now parts of at most 153
    parts = split(longer)
    assert parts == ["a" * 150, "b" * 9 + "c"]
    assert all(units(p) <= 153 for p in parts)


def test_gsm7_parts_hold_at_most_153_and_are_cut_between_words() -> None:
    text = words(80)  # 399 units
    parts = split(text)
    assert all(units(p) <= 153 for p in parts)
    assert [len(p) for p in parts] == [149, 149, 99]  # 30 words fit 149; a 31st would be 154
    assert " ".join(parts) == text
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in parts)


def test_one_character_outside_gsm7_makes_the_text_ucs2_70_and_67() -> None:
    text = "a" * 69 + "ж"
    assert encoding(text) == "ucs2" and units(text) == 70
    assert split(text) == [text]
    assert split(words(14, "абвг")) == [words(14, "абвг")]  # 69 units: one SMS
    parts = split(words(15, "абвг"))  # 74 units: parts of at most 67
    assert all(units(p, "ucs2") <= 67 for p in parts)
    assert [p.count("абвг") for p in parts] == [13, 2]  # 13 words = 64 units; 14 would be 69


def test_emoji_count_two_utf16_units_and_are_never_cut() -> None:
    text = "🙂" * 35  # 70 UTF-16 units
    assert units(text) == 70 and split(text) == [text]
    parts = split("🙂" * 36)
    assert [len(p) for p in parts] == [33, 3]  # 33 emoji = 66 units; a 34th would be 68
    assert "".join(parts) == "🙂" * 36


@pytest.mark.parametrize("char", list("^{}\\[~]|€"))
def test_gsm7_extension_characters_count_two(char: str) -> None:
    assert encoding(char) == "gsm7" and units(char) == 2
    assert split(char * 80) == [char * 80]  # 160 units
    parts = split(char * 81)  # 162 units: parts of at most 153, so 76 characters
    assert [len(p) for p in parts] == [76, 5]


def test_gsm7_basic_accents_stay_gsm7_others_do_not() -> None:
    assert encoding("Ñoño, ¿qué tal? è é ù ì ò à Ä Ö Ü ß") == "gsm7"
    assert encoding("qué tal, está bien") == "ucs2"  # á is not in GSM-7


def test_typographic_punctuation_is_sent_as_gsm7() -> None:
    text = "Don\u2019t worry \u2014 it\u2019s \u201cfine\u201d\u2026 5\u00a0min \u2192 ok"
    [segment] = split(text)
    assert segment == "Don't worry - it's \"fine\"... 5 min -> ok"
    assert encoding(segment) == "gsm7"


def test_line_breaks_inside_a_part_are_kept() -> None:
    text = "Question 1 of 9.\nLittle interest?\nReply 0 for Not at all."
    assert split(text) == [text]


def test_a_word_longer_than_a_part_is_cut_between_characters() -> None:
    parts = split("see https://example.org/" + "x" * 300)
    assert parts[0] == "see"
    assert all(units(p) <= 153 for p in parts)
    assert "".join(parts[1:]) == "https://example.org/" + "x" * 300


def test_empty_text_has_no_segments() -> None:
    assert split("  \n ") == []


def test_short_messages_share_an_sms_long_ones_are_split_alone() -> None:
    first, second = "Thanks for checking in.", "Your average this week is 5.0."
    assert pack([first, second]) == [f"{first}\n\n{second}"]
    long = words(40)  # 199 units: two parts
    packed = pack([first, long, second])
    assert packed[0] == first
    assert " ".join(packed[1:3]) == long
    assert packed[3] == second
    assert all(units(p) <= 160 for p in packed)
