"""Worker threads: each owns one loaded model and serves one request at a time.

A llama.cpp context must not be used from two threads, so the model never leaves the
thread that loaded it. Jobs arrive on a shared queue; their text goes back as events (see
`jobs`). Generation stops between two tokens, or between two slices of a long prompt, as
soon as the job is halted or its deadline passes.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import TYPE_CHECKING, Any

from bot.freetext.errors import LLMError, LLMUnavailable
from bot.freetext.jobs import Delta, Failed, Finished, Job, Started
from bot.freetext.model import load_model
from bot.freetext.prompt import build_messages, system_prompt_tokens
from bot.freetext.template import ChatTemplate
from haven.config import LLMSettings

if TYPE_CHECKING:
    from llama_cpp import Llama

log = logging.getLogger(__name__)

_PREFILL_SLICE = 256
"""Prompt tokens evaluated between two checks for cancellation and the time limit."""


class Worker(threading.Thread):
    """Loads the model, then serves jobs from `jobs` until it receives `None`."""

    def __init__(self, name: str, settings: LLMSettings, jobs: queue.Queue[Job | None]) -> None:
        super().__init__(name=name, daemon=True)
        self._settings = settings
        self._jobs = jobs
        self.ready = threading.Event()
        self.startup_error: LLMError | None = None
        self.current: Job | None = None
        self.tokens_generated = 0
        """Tokens this worker has generated since it started (written by this thread only)."""

    def run(self) -> None:
        try:
            model = load_model(self._settings)
        except LLMError as exc:
            self._failed_to_start(exc)
            return
        try:
            template = ChatTemplate(model)
            self._check_room(template)
            self._warm_up(model, template)
        except Exception as exc:  # a deployer's GGUF may carry a template jinja rejects
            model.close()
            self._failed_to_start(exc)
            return
        self.ready.set()
        try:
            while (job := self._jobs.get()) is not None:
                if job.claim():
                    self.current = job
                    self._serve(model, template, job)
                    self.current = None
        finally:
            model.close()

    def _failed_to_start(self, exc: Exception) -> None:
        if isinstance(exc, LLMError):
            self.startup_error = exc
        else:
            log.error("the model's chat template cannot be used", exc_info=exc)
            self.startup_error = LLMUnavailable(f"the model's chat template cannot be used: {exc}")
        self.ready.set()

    def _check_room(self, template: ChatTemplate) -> None:
        fixed = system_prompt_tokens(template.count)
        if fixed + self._settings.max_tokens >= self._settings.context_size:
            raise LLMUnavailable(
                f"context_size {self._settings.context_size} leaves no room for the system "
                f"prompt ({fixed} tokens) and max_tokens {self._settings.max_tokens}"
            )

    def _warm_up(self, model: Llama, template: ChatTemplate) -> None:
        """Evaluate the system prompt once: every prompt starts with it, the first included."""
        empty = build_messages(
            [], "", max_turns=0, budget=self._settings.context_size, count_tokens=template.count
        )
        _cache(model, template.encode(empty))

    def _serve(self, model: Llama, template: ChatTemplate, job: Job) -> None:
        settings = self._settings
        if job.should_stop():  # its time ran out while it waited
            job.emit(Finished(reason="halted"))
            job.finish()
            return
        try:
            messages = build_messages(
                job.history,
                job.text,
                max_turns=settings.history_turns,
                budget=settings.context_size - settings.max_tokens,
                count_tokens=template.count,
            )
            prompt = template.encode(messages)
            job.emit(Started(prompt_tokens=len(prompt)))
            finished = self._generate(model, prompt, template.stop, job)
        except Exception:  # llama.cpp and jinja raise assorted types; the reason is logged
            log.exception("free-text generation failed")
            job.emit(Failed(LLMUnavailable("generation failed")))
        else:
            job.emit(Failed(job.error) if job.error else finished)
        finally:
            job.finish()

    def _generate(self, model: Llama, prompt: list[int], stop: list[str], job: Job) -> Finished:
        from llama_cpp import Llama, StoppingCriteriaList

        # llama.cpp evaluates a prompt in one call that nothing interrupts, and a long history
        # on a busy CPU takes seconds; evaluated in slices, cancellation and the time limit
        # apply between them. Slices start after what the cache already holds.
        cached = Llama.longest_token_prefix(list(model.eval_tokens), prompt)
        for end in range(cached + _PREFILL_SLICE, len(prompt), _PREFILL_SLICE):
            if job.should_stop():
                return Finished(reason="halted")
            _cache(model, prompt[:end])

        def stop_now(_ids: object, _logits: object) -> bool:
            """Asked by llama.cpp after it samples each token, before that token is used."""
            if job.should_stop():
                return True
            self.tokens_generated += 1
            return False

        settings = self._settings
        pieces: Any = model.create_completion(
            prompt,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
            seed=settings.seed,
            stop=stop,
            stream=True,
            stopping_criteria=StoppingCriteriaList([stop_now]),
        )
        reason = "halted"
        for piece in pieces:
            choice = piece["choices"][0]
            if choice["text"]:
                job.emit(Delta(choice["text"]))
            reason = choice["finish_reason"] or reason
        return Finished(reason="halted" if job.should_stop() else reason)


def _cache(model: Llama, tokens: list[int]) -> None:
    """Evaluate `tokens` into the model's cache (the one token sampled is not kept).

    llama-cpp-python keeps the tokens it evaluated last and, for the next prompt,
    evaluates only what follows the part they share.
    """
    model.create_completion(tokens, max_tokens=1, temperature=0.0)
