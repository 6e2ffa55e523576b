"""Thin adapters that execute `EngineRequest`s: opensearch-py for OpenSearch, the official
`elasticsearch` 8.x client for Elasticsearch 8 and 9. Which one is chosen from `GET /`.

Credentials come from the environment only: `WIREWATCH_ENGINE_USERNAME` /
`WIREWATCH_ENGINE_PASSWORD` or `WIREWATCH_ENGINE_API_KEY`; `WIREWATCH_ENGINE_CA_CERTS` for TLS.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from .base import StoreError, StoreUnavailable
from .dsl import EngineRequest, ndjson

SUPPORTED = {"opensearch": (2, 3), "elasticsearch": (8, 9)}
TIMEOUT = 30


class EngineResponseError(StoreError):
    def __init__(self, status: int, message: str):
        super().__init__(f"engine answered {status}: {message}")
        self.status = status


@dataclass(frozen=True)
class EngineInfo:
    distribution: str  # "opensearch" | "elasticsearch"
    version: str

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])


class EngineClient(Protocol):
    info: EngineInfo

    def execute(self, request: EngineRequest) -> dict[str, Any]: ...

    def close(self) -> None: ...


def _auth_headers() -> dict[str, str]:
    if key := os.environ.get("WIREWATCH_ENGINE_API_KEY"):
        return {"Authorization": f"ApiKey {key}"}
    user, password = os.environ.get("WIREWATCH_ENGINE_USERNAME"), os.environ.get("WIREWATCH_ENGINE_PASSWORD")
    if user and password:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        return {"Authorization": f"Basic {token}"}
    return {}


def base_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def detect(url: str, timeout: float = 10) -> EngineInfo:
    """`GET /` tells which engine and version listens at `url`."""
    request = urllib.request.Request(base_url(url) + "/", headers={"Accept": "application/json", **_auth_headers()})
    # A local engine is never reached through an http_proxy from the environment.
    local = urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({})) if local else urllib.request.build_opener()
    try:
        with opener.open(request, timeout=timeout) as response:
            payload = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise StoreError(f"{base_url(url)} answered HTTP {exc.code} to GET /; is it Elasticsearch or OpenSearch?") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreUnavailable(f"cannot reach the search engine at {base_url(url)}: {reason}") from None
    except ValueError:
        raise StoreError(f"{base_url(url)} did not answer GET / with JSON; is it a search engine?") from None
    version = payload.get("version") or {}
    number = str(version.get("number", ""))
    if not number:
        raise StoreError(f"{base_url(url)} answered GET / without a version; is it Elasticsearch or OpenSearch?")
    distribution = "opensearch" if version.get("distribution") == "opensearch" else "elasticsearch"
    info = EngineInfo(distribution, number)
    low, high = SUPPORTED[distribution]
    if not low <= info.major <= high:
        wanted = "OpenSearch 2.x-3.x" if distribution == "opensearch" else "Elasticsearch 8.x-9.x"
        raise StoreError(f"{distribution} {number} at {base_url(url)} is not supported; wirewatch needs {wanted}")
    return info


class OpenSearchAdapter:
    def __init__(self, url: str, info: EngineInfo):
        from opensearchpy import OpenSearch

        ca = os.environ.get("WIREWATCH_ENGINE_CA_CERTS")
        self.info = info
        self._client = OpenSearch(
            hosts=[base_url(url)], headers=_auth_headers(), timeout=TIMEOUT, ca_certs=ca, max_retries=2, retry_on_timeout=True
        )

    def execute(self, request: EngineRequest) -> dict[str, Any]:
        from opensearchpy import exceptions as ox

        # opensearch-py sends `content-type: application/json`, which OpenSearch accepts for _bulk too.
        headers = {"content-type": "application/x-ndjson"} if request.ndjson else None
        body = ndjson(request.body) if request.ndjson else request.body
        try:
            return self._client.transport.perform_request(
                request.method, request.path, params=request.params or None, body=body, headers=headers
            ) or {}
        except ox.ConnectionError as exc:
            raise StoreUnavailable(f"lost the search engine at {self._client.transport.hosts[0]}: {exc.error}") from None
        except ox.TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else 0
            if status in request.ignore:
                return {"status": status, "error": exc.info}
            raise EngineResponseError(status, _reason(exc.info)) from None

    def close(self) -> None:
        self._client.close()


class ElasticsearchAdapter:
    """The official client (8.x) speaks to Elasticsearch 8 and 9 servers."""

    def __init__(self, url: str, info: EngineInfo):
        from elasticsearch import Elasticsearch

        self.info = info
        self._client = Elasticsearch(
            base_url(url),
            headers=_auth_headers(),
            request_timeout=TIMEOUT,
            ca_certs=os.environ.get("WIREWATCH_ENGINE_CA_CERTS"),
            max_retries=2,
            retry_on_timeout=True,
        )

    def execute(self, request: EngineRequest) -> dict[str, Any]:
        from elasticsearch import ApiError, TransportError

        mime = "application/x-ndjson" if request.ndjson else "application/json"
        headers = {"accept": "application/json", "content-type": mime} if request.body is not None else {"accept": "application/json"}
        try:
            response = self._client.perform_request(
                request.method, request.path, params=request.params or None, headers=headers, body=request.body
            )
            return response.body if isinstance(response.body, dict) else {}
        except ApiError as exc:
            if exc.status_code in request.ignore:
                return {"status": exc.status_code, "error": exc.body}
            raise EngineResponseError(exc.status_code, _reason(exc.body)) from None
        except TransportError as exc:
            raise StoreUnavailable(f"lost the search engine: {exc.message}") from None

    def close(self) -> None:
        self._client.close()


def _reason(info: Any) -> str:
    if isinstance(info, dict):
        error = info.get("error")
        if isinstance(error, dict):
            root = (error.get("root_cause") or [error])[0]
            return f"{root.get('type', 'error')}: {root.get('reason', '')}".strip()
        if error:
            return str(error)
    return str(info)[:300]


def connect(url: str) -> EngineClient:
    info = detect(url)
    adapter = OpenSearchAdapter if info.distribution == "opensearch" else ElasticsearchAdapter
    return adapter(url, info)
