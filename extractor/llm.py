"""An OpenAI-compatible chat client over httpx: retries, structured output, caching, batches."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Protocol, Sequence

import httpx
from pydantic import BaseModel, ConfigDict, Field

from .errors import LLMError

log = logging.getLogger(__name__)

Message = dict[str, str]


class LLMConfig(BaseModel):
    """Everything needed to talk to one OpenAI-compatible endpoint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str
    model: str
    api_key: str | None = Field(default=None, repr=False)
    timeout_s: float = Field(default=120.0, gt=0)
    max_retries: int = Field(default=3, ge=0)
    max_concurrency: int = Field(default=1, ge=1)
    temperature: float = 0.0
    seed: int | None = 0
    max_tokens: int = Field(default=1536, ge=1)
    backoff_s: float = Field(default=0.5, ge=0)
    max_backoff_s: float = Field(default=30.0, ge=0)


class ChatResult(BaseModel):
    """The assistant's text and the token usage the server reported for it."""

    model_config = ConfigDict(frozen=True)

    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None
    cached: bool = False


@dataclass(frozen=True)
class ChatRequest:
    """One chat call, for batches."""

    messages: list[Message]
    response_schema: dict[str, Any] | None = None
    schema_name: str = "response"
    cache_tag: str = ""
    max_tokens: int | None = None  # this call's cap (default: the config's)


class ResponseCache(Protocol):
    """Where raw responses are kept by key (the pipeline backs it with SQLite)."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, response_json: str, prompt_tokens: int, completion_tokens: int) -> None: ...


@dataclass
class MemoryCache:
    """A thread-safe in-memory ResponseCache (for tests and one-off runs)."""

    entries: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(self, key: str) -> str | None:
        """The cached response body for key, if any."""
        with self._lock:
            entry = self.entries.get(key)
        return entry[0] if entry else None

    def put(self, key: str, response_json: str, prompt_tokens: int, completion_tokens: int) -> None:
        """Remember a response body and its token usage."""
        with self._lock:
            self.entries[key] = (response_json, prompt_tokens, completion_tokens)


class _ResponseFormatRejected(Exception):
    """The server refused response_format=json_schema (we fall back to json_object)."""


def cache_key(model: str, cache_tag: str, body: dict[str, Any]) -> str:
    """sha256 over model, prompt version (cache_tag) and the canonical request body."""
    canonical = json.dumps([model, cache_tag, body], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_chat_response(raw: str, *, cached: bool = False) -> ChatResult:
    """Turn an OpenAI chat-completions body into a ChatResult, or raise LLMError."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise LLMError(f"LLM endpoint returned an invalid JSON body: {raw[:200]!r}") from exc
    choices = data.get("choices") if isinstance(data, dict) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise LLMError(f"LLM response has no choices: {raw[:200]!r}")
    message = choices[0].get("message") or {}
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        raise LLMError(f"LLM response has no message content: {raw[:200]!r}")
    usage = data.get("usage") or {}
    return ChatResult(
        content=content,
        prompt_tokens=int(usage.get("prompt_tokens") or 0),
        completion_tokens=int(usage.get("completion_tokens") or 0),
        finish_reason=choices[0].get("finish_reason"),
        cached=cached,
    )


def retry_after_s(response: httpx.Response) -> float | None:
    """Seconds the server asked us to wait (Retry-After as seconds or HTTP date), if any."""
    header = response.headers.get("retry-after")
    if not header:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def with_schema_in_prompt(messages: list[Message], schema: dict[str, Any]) -> list[Message]:
    """Messages for servers without json_schema support: the schema travels in the prompt."""
    note = "Respond with one JSON object that validates against this JSON Schema:\n" + json.dumps(schema)
    if messages and messages[0].get("role") == "system":
        first = {**messages[0], "content": messages[0]["content"] + "\n\n" + note}
        return [first, *messages[1:]]
    return [{"role": "system", "content": note}, *messages]


class LLMClient:
    """A small OpenAI-compatible chat client; network behind an injectable httpx transport."""

    def __init__(
        self,
        config: LLMConfig,
        *,
        transport: httpx.BaseTransport | None = None,
        cache: ResponseCache | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
        self.config = config
        self._http = httpx.Client(
            base_url=config.base_url.rstrip("/") + "/",
            timeout=config.timeout_s,
            transport=transport,
            headers=headers,
        )
        self._cache = cache
        self._sleep = sleep
        # Learned once per client: after a server rejects json_schema we stop offering it.
        self._json_schema_supported = True

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._http.close()

    def __enter__(self) -> LLMClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def build_body(
        self, messages: list[Message], response_schema: dict[str, Any] | None, schema_name: str,
        max_tokens: int | None = None,
    ) -> dict[str, Any]:
        """The chat-completions request body, with strict json_schema output when a schema is given."""
        body: dict[str, Any] = {
            "model": self.config.model,
            "messages": messages,
            "temperature": self.config.temperature,
            "max_tokens": max_tokens or self.config.max_tokens,
        }
        if self.config.seed is not None:
            body["seed"] = self.config.seed
        if response_schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "schema": response_schema, "strict": True},
            }
        return body

    def chat(
        self,
        messages: list[Message],
        *,
        response_schema: dict[str, Any] | None = None,
        schema_name: str = "response",
        cache_tag: str = "",
        max_tokens: int | None = None,
    ) -> ChatResult:
        """One chat completion (from the cache when possible); raises LLMError on failure."""
        body = self.build_body(messages, response_schema, schema_name, max_tokens)
        key = cache_key(self.config.model, cache_tag, body)
        if self._cache is not None and (hit := self._cache.get(key)) is not None:
            return parse_chat_response(hit, cached=True)
        raw = self._post_with_fallback(body, messages, response_schema)
        result = parse_chat_response(raw)
        if self._cache is not None:
            self._cache.put(key, raw, result.prompt_tokens, result.completion_tokens)
        return result

    def request_key(self, request: ChatRequest) -> str:
        """The cache key of a request (model, prompt version and body), as chat() computes it."""
        body = self.build_body(request.messages, request.response_schema, request.schema_name, request.max_tokens)
        return cache_key(self.config.model, request.cache_tag, body)

    def chat_many(self, requests: Sequence[ChatRequest]) -> list[ChatResult | LLMError]:
        """Run requests with at most max_concurrency in flight; failures come back as LLMError."""

        def run(request: ChatRequest) -> ChatResult | LLMError:
            try:
                return self.chat(
                    request.messages,
                    response_schema=request.response_schema,
                    schema_name=request.schema_name,
                    cache_tag=request.cache_tag,
                    max_tokens=request.max_tokens,
                )
            except LLMError as exc:
                return exc

        if self.config.max_concurrency == 1 or len(requests) <= 1:
            return [run(request) for request in requests]
        with ThreadPoolExecutor(max_workers=self.config.max_concurrency) as pool:
            return list(pool.map(run, requests))

    def _post_with_fallback(
        self, body: dict[str, Any], messages: list[Message], schema: dict[str, Any] | None
    ) -> str:
        """POST with json_schema; if the server rejects it, retry once with json_object."""
        if schema is None:
            return self._post(body)
        if self._json_schema_supported:
            try:
                return self._post(body)
            except _ResponseFormatRejected as exc:
                log.warning("server rejected json_schema output, falling back to json_object: %s", exc)
                self._json_schema_supported = False
        fallback = {
            **body,
            "messages": with_schema_in_prompt(messages, schema),
            "response_format": {"type": "json_object"},
        }
        try:
            return self._post(fallback)
        except _ResponseFormatRejected as exc:
            raise LLMError(f"LLM endpoint rejected json_object output too: {exc}") from exc

    def _post(self, body: dict[str, Any]) -> str:
        """POST once per attempt; back off and retry only on timeouts, 429 and 5xx."""
        attempts = self.config.max_retries + 1
        failure = "no attempt made"
        for attempt in range(attempts):
            try:
                response = self._http.post("chat/completions", json=body)
            except httpx.TimeoutException as exc:
                failure, delay = f"timeout ({type(exc).__name__})", self._backoff_s(attempt)
            except httpx.HTTPError as exc:
                raise LLMError(f"cannot reach LLM endpoint {self.config.base_url}: {exc}") from exc
            else:
                if response.status_code < 400:
                    return response.text
                failure, delay = self._retryable_failure(response, attempt, body)
            if attempt + 1 < attempts:
                log.warning("LLM call failed (%s); retry %d/%d in %.2fs", failure, attempt + 1, attempts - 1, delay)
                self._sleep(delay)
        raise LLMError(f"LLM call failed after {attempts} attempts: {failure}")

    def _retryable_failure(
        self, response: httpx.Response, attempt: int, body: dict[str, Any]
    ) -> tuple[str, float]:
        """(reason, delay) for a retryable status; raise for anything else."""
        status = response.status_code
        if status == 429:
            asked = retry_after_s(response)
            delay = self._backoff_s(attempt) if asked is None else min(asked, self.config.max_backoff_s)
            return "HTTP 429 rate limited", delay
        if status >= 500:
            return f"HTTP {status}", self._backoff_s(attempt)
        text = response.text[:300]
        uses_schema = body.get("response_format", {}).get("type") in ("json_schema", "json_object")
        if status == 400 and uses_schema and ("response_format" in text or "json_schema" in text):
            raise _ResponseFormatRejected(f"HTTP 400: {text}")
        raise LLMError(f"LLM endpoint answered HTTP {status}: {text}")

    def _backoff_s(self, attempt: int) -> float:
        """Exponential backoff, capped."""
        return min(self.config.backoff_s * (2**attempt), self.config.max_backoff_s)
