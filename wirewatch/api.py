"""HTTP API: a thin FastAPI shell over the same `Store.search` the CLI calls.

    GET /search?q=…&lang=…&source=…&country=…&topic=…&since=…&from=…&to=…&sort=…&size=…&cursor=…&facet=…
    GET /articles/{id}
    GET /health, GET /openapi.json, GET /docs

Read-only. Set `WIREWATCH_API_TOKEN` to require `Authorization: Bearer <token>`. CORS is off
unless `WIREWATCH_API_CORS_ORIGINS` lists origins (comma-separated). Errors are JSON with a
clear `detail`; a bad query is a 400 naming the position, never a 500.
"""

from __future__ import annotations

import hmac
import os
import threading
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from . import __version__
from .query import QueryError
from .store import SearchRequest, Store, StoreError, StoreUnavailable, open_store


def create_app(store_url: str, token: str | None = None, cors_origins: list[str] | None = None) -> FastAPI:
    token = token if token is not None else os.environ.get("WIREWATCH_API_TOKEN")
    if cors_origins is None:
        cors_origins = [o.strip() for o in os.environ.get("WIREWATCH_API_CORS_ORIGINS", "").split(",") if o.strip()]
    app = FastAPI(title="wirewatch", version=__version__, description="Search wire-service articles.")
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"], allow_headers=["Authorization"])
    state: dict[str, Store] = {}
    lock = threading.Lock()

    def store() -> Store:
        with lock:
            if "store" not in state:
                state["store"] = open_store(store_url)
            return state["store"]

    def authorised(request: Request) -> None:
        if not token:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(status_code=401, detail="a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(QueryError)
    async def _query_error(_: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc), "position": exc.position})

    @app.exception_handler(StoreUnavailable)
    async def _unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        with lock:
            lost = state.pop("store", None)
        if lost is not None:
            lost.close()
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(StoreError)
    async def _store_error(_: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__}

    @app.get("/search", dependencies=[Depends(authorised)])
    def search(
        q: str = Query("", description="Query in the wirewatch (Lucene-style) syntax.", max_length=2000),
        lang: list[str] = Query([], description="Languages (repeatable)."),
        source: list[str] = Query([], description="Source ids (repeatable)."),
        country: list[str] = Query([], description="ISO country codes (repeatable)."),
        topic: list[str] = Query([], description="Topics (repeatable)."),
        since: str | None = Query(None, description="12h, 7d, 2w or YYYY-MM-DD."),
        date_from: str | None = Query(None, alias="from", description="Published on or after (YYYY-MM-DD)."),
        date_to: str | None = Query(None, alias="to", description="Published on or before (YYYY-MM-DD)."),
        sort: str = Query("relevance", pattern="^(relevance|date)$"),
        size: int = Query(10, ge=1, le=200),
        cursor: str | None = Query(None, description="next_cursor of the previous page."),
        facet: list[str] = Query([], description="countries, topics, sources, languages, orgs, per_day (repeatable)."),
        collapse: bool = Query(False, description="One hit per story (first page only)."),
    ) -> dict[str, Any]:
        request = SearchRequest(
            query=q, languages=lang, sources=source, countries=country, topics=topic, since=since,
            date_from=date_from, date_to=date_to, sort=sort, size=size, cursor=cursor, facets=facet, collapse=collapse,
        )
        return store().search(request).to_dict()

    @app.get("/articles/{article_id}", dependencies=[Depends(authorised)])
    def article(article_id: str) -> dict[str, Any]:
        found = store().get(article_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no article with id {article_id}")
        return found.to_dict()

    return app
