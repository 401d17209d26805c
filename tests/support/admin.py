"""The admin side in tests: settings with an admin and a reader key, their headers, the served build's time."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from rag.core.settings import Settings

ADMIN_KEY = "s3cret"
ADMIN = {"X-API-Key": ADMIN_KEY}
READER = {"X-API-Key": "r3ad"}


def admin_settings(settings: Settings, **update: Any) -> Settings:
    """The settings with an admin and a reader key (the access middleware guards /admin/*) and no rate limit,
    validated as if read from the environment."""
    keys = [f"ops:admin:{ADMIN_KEY}", "reader:ask+search:r3ad"]
    return Settings(**{**settings.model_dump(), "api_keys": keys, "rate_limit_per_minute": 0, **update})


def built_at(client: TestClient) -> str:
    """When the index the app serves was built, as /readyz says."""
    return str(client.get("/readyz").json()["built_at"])
