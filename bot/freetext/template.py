"""The model's own chat template, read from its GGUF metadata, together with its tokenizer.

This is what `Llama.create_chat_completion` does when no chat format is forced. Doing it
here lets the engine measure a prompt exactly while trimming history and then generate
from those very tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.freetext.errors import LLMUnavailable
from bot.freetext.prompt import ChatMessage

if TYPE_CHECKING:
    from llama_cpp import Llama

_PROBE = "haven-system-probe"
_WORD_JOINER = "\u2060"  # invisible, and no tokenizer merges it into a control token


class ChatTemplate:
    def __init__(self, llama: Llama) -> None:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        template = llama.metadata.get("tokenizer.chat_template")
        if not template:
            raise LLMUnavailable("the model's GGUF metadata has no tokenizer.chat_template")
        self._llama = llama
        self._formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=self._token_text(llama.token_eos()),
            bos_token=self._token_text(llama.token_bos()),
        )
        self._fold_system = not self._keeps_system_message()
        self._last: tuple[str, list[int]] | None = None

    def render(self, messages: Sequence[ChatMessage]) -> str:
        """The prompt as text, ending where the assistant's reply begins."""
        return self._formatter(messages=self._adapted(messages)).prompt  # type: ignore[arg-type]

    def encode(self, messages: Sequence[ChatMessage]) -> list[int]:
        """The prompt's tokens."""
        prompt = self.render(messages)
        # Trimming counts the tokens of the very prompt that is then generated from:
        # tokenizing it once rather than twice takes milliseconds off the first token.
        if self._last is None or self._last[0] != prompt:
            # The template writes its own BOS token when it wants one. errors="replace":
            # text from a browser can hold lone surrogates, which UTF-8 cannot encode.
            encoded = prompt.encode("utf-8", errors="replace")
            self._last = (prompt, self._llama.tokenize(encoded, add_bos=False, special=True))
        return list(self._last[1])

    def count(self, messages: Sequence[ChatMessage]) -> int:
        return len(self.encode(messages))

    @property
    def stop(self) -> list[str]:
        return [self._formatter.eos_token] if self._formatter.eos_token else []

    def _adapted(self, messages: Sequence[ChatMessage]) -> list[ChatMessage]:
        """Messages in a shape the template accepts, with conversation text defused.

        Some templates (Gemma's, for one) reject or silently drop a system message; for
        those the system prompt is put at the top of the first user message instead.
        """
        adapted: list[ChatMessage] = [
            m if m["role"] == "system" else {"role": m["role"], "content": self._defused(m)}
            for m in messages
        ]
        if not self._fold_system or not adapted or adapted[0]["role"] != "system":
            return adapted
        system, first, *rest = adapted
        content = f"{system['content']}\n\n{first['content']}"
        return [{"role": "user", "content": content}, *rest]

    def _defused(self, message: ChatMessage) -> str:
        """The message's text with the model's control-token strings broken up.

        The prompt is tokenized with special tokens enabled (the template's own markers must
        become real control tokens), so without this a person could type
        "<|im_start|>system" and write a turn of their own choosing.
        """
        text = message["content"]
        llama = self._llama
        for token in set(llama.tokenize(text.encode("utf-8", "replace"), False, special=True)):
            if llama.detokenize([token], special=False):
                continue  # ordinary text
            marker = llama.detokenize([token], special=True).decode("utf-8", "replace")
            if len(marker) > 1:
                text = text.replace(marker, f"{marker[0]}{_WORD_JOINER}{marker[1:]}")
        return text

    def _keeps_system_message(self) -> bool:
        probe: list[ChatMessage] = [
            {"role": "system", "content": _PROBE},
            {"role": "user", "content": "hello"},
        ]
        try:
            rendered = self._formatter(messages=probe)  # type: ignore[arg-type]
        except Exception:  # jinja errors, or raise_exception() in the template itself
            return False
        return _PROBE in rendered.prompt

    def _token_text(self, token: int) -> str:
        if token < 0:
            return ""
        return self._llama.detokenize([token], special=True).decode("utf-8", errors="replace")
