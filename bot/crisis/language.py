"""Loads the spaCy pipeline the rule layer runs on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.crisis.errors import LanguageLoadError

if TYPE_CHECKING:
    from spacy.language import Language

BLANK_EN = "blank:en"


def load_language(spacy_model: str = BLANK_EN) -> Language:
    """`blank:<lang>` (with spacy-lookups-data lemmas) or any spaCy pipeline path / package.

    Only the tokenizer and lemmas matter to the rule layer, so a full pipeline keeps its
    lemmatizer and drops nothing else (the deployer chose it); a pipeline without a
    lemmatizer gets the lookup lemmatizer added.
    """
    import spacy

    try:
        if spacy_model.startswith("blank:"):
            nlp = spacy.blank(spacy_model.removeprefix("blank:"))
        else:
            nlp = spacy.load(spacy_model)
    except (OSError, ImportError, ValueError) as error:
        raise LanguageLoadError(f"cannot load spaCy pipeline {spacy_model!r}: {error}") from error
    if "lemmatizer" not in nlp.pipe_names:
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        try:
            lemmatizer.initialize()  # type: ignore[attr-defined]
        except (OSError, ValueError) as error:
            raise LanguageLoadError(
                f"spaCy lookup lemmas unavailable for {spacy_model!r} "
                f"(is spacy-lookups-data installed?): {error}"
            ) from error
    return nlp
