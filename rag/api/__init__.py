"""The HTTP API (FastAPI).

- `app`: create_app, an assembly of the routers in `routes/` around one runtime.
- `routes/`: search, ask (+ stream), documents, feedback, admin, health, openai (chat completions), widget,
  home (the landing page `/`), apidocs (`/docs` and `/redoc`, their assets served here, not from a CDN).
- `deps`: what routes are given, as `Annotated[..., Depends()]` aliases.
- `scopes`: each route's access scope, declared next to it; `access`: origins, keys, users, rate and body limits.
- `hosts`: the Host allowlist and the trusted proxies (client address, own origins); `ratelimit`: the token bucket.
- `server`: how `rag serve` runs uvicorn (a read deadline per request, keep-alive, connection limit).
- `schemas`: request and response models; `errors`: errors mapped to responses once.
- `validation`: the request models checking the command line's values too, a refusal in the same words.
- `sse`: server-sent events (sse-starlette, keep-alive pings) for both streams.
- `limits`: the gate in front of the language model (RAG_LLM_MAX_PENDING; 503 when full).
- `observe`: metrics, request ids, logs; `feedback`: the SQLite feedback store; `reload`: hot index reload.
"""
