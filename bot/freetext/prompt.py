"""What the model reads: Haven's system prompt, then the last few turns, then the user's text.

The conversation is trimmed by token count, not characters, so that the prompt plus the
reply's token allowance always fits the model's context window. Counting is done by a
callable the engine supplies (the loaded model's chat template and tokenizer), which keeps
this module free of llama.cpp.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple, TypedDict, cast

Role = Literal["user", "assistant"]

SYSTEM_PROMPT = """\
You are Haven's automated support assistant: a computer program, not a person, \
therapist or doctor. People who write to you may be having a hard time.

How to reply:
- Keep it short: two to four warm, plain sentences.
- Reflect back what the person said in your own words and validate how they feel.
- Ask one open question that helps them say more.
- Be CBT-informed: gently notice links between thoughts, feelings and actions. Do not lecture.
- Never diagnose or name a condition the person might have.
- Never give advice about medication, doses or supplements; suggest they ask their doctor \
or pharmacist.
- If asked, say honestly that you are an automated assistant.
- When it fits, offer one of Haven's exercises: a mood check-in, a PHQ-9 or GAD-7 \
screening, a thought record, behavioural activation, box breathing, or 5-4-3-2-1 grounding."""


class Turn(NamedTuple):
    """One earlier message in the conversation; a plain `(role, text)` tuple works too."""

    role: Role
    text: str


class ChatMessage(TypedDict):
    role: str
    content: str


TokenCounter = Callable[[list[ChatMessage]], int]

_ELLIPSIS = "…"


def build_messages(
    history: Sequence[tuple[str, str]],
    text: str,
    *,
    max_turns: int,
    budget: int,
    count_tokens: TokenCounter,
) -> list[ChatMessage]:
    """The chat messages for one reply, at most `budget` tokens long as the model counts them.

    Keeps the last `max_turns` turns of `history` (which must not include `text`), then drops
    the oldest until the prompt fits. If even the system prompt and `text` alone do not fit,
    the start of `text` is cut, since the end of a message is usually what it asks. Raises
    `ValueError` when the system prompt alone leaves no room.
    """
    turns = _normalised(history[-max_turns:] if max_turns > 0 else ())
    while True:
        messages = _messages(turns, text)
        if count_tokens(messages) <= budget:
            return messages
        if not turns:
            break
        turns = _without_leading_assistant(turns[1:])
    return _shorten_text(text, budget, count_tokens)


def system_prompt_tokens(count_tokens: TokenCounter) -> int:
    """Tokens taken by the system prompt and an empty user turn: the fixed cost of a reply."""
    return count_tokens(_messages([], ""))


def _normalised(history: Sequence[tuple[str, str]]) -> list[Turn]:
    """Merge consecutive turns by the same speaker and drop a leading assistant turn.

    Many chat templates (Mistral, Gemma) reject a conversation that does not alternate
    user/assistant starting with the user; SmolLM2's does not care, but a deployer's might.
    """
    turns: list[Turn] = []
    for speaker, text in history:
        if speaker not in ("user", "assistant"):
            raise ValueError(f"a turn's role must be 'user' or 'assistant', not {speaker!r}")
        role = cast(Role, speaker)
        if turns and turns[-1].role == role:
            turns[-1] = Turn(role, f"{turns[-1].text}\n{text}")
        else:
            turns.append(Turn(role, text))
    return _without_leading_assistant(turns)


def _without_leading_assistant(turns: list[Turn]) -> list[Turn]:
    return turns[1:] if turns and turns[0].role == "assistant" else turns


def _messages(turns: list[Turn], text: str) -> list[ChatMessage]:
    messages: list[ChatMessage] = [{"role": "system", "content": SYSTEM_PROMPT}]
    messages += [{"role": turn.role, "content": turn.text} for turn in turns]
    if turns and turns[-1].role == "user":
        messages[-1] = {"role": "user", "content": f"{turns[-1].text}\n{text}"}
    else:
        messages.append({"role": "user", "content": text})
    return messages


def _shorten_text(text: str, budget: int, count_tokens: TokenCounter) -> list[ChatMessage]:
    if count_tokens(_messages([], _ELLIPSIS)) > budget:
        raise ValueError(f"the system prompt alone exceeds the prompt budget of {budget} tokens")
    keep = len(text)
    while keep > 0:
        spare = count_tokens(_messages([], _ELLIPSIS + text[-keep:])) - budget
        if spare <= 0:
            return _messages([], _ELLIPSIS + text[-keep:])
        # Roughly four characters per token; shrink by at least one character per step.
        keep -= max(1, spare * 4)
    return _messages([], _ELLIPSIS)
