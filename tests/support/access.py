"""Settings and assertions shared by the access-control tests."""

from __future__ import annotations

from typing import Any

import httpx

from rag.core.settings import Settings

INTRANET = "https://intranet.example.org"


def configured(settings: Settings, **changes: Any) -> Settings:
    """The test settings with access settings changed, validated as if read from the environment."""
    return Settings(**{**settings.model_dump(), **changes})


def assert_access_error(response: httpx.Response, status: int, fragment: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["stage"] == "access" and fragment in body["error"]["message"], body
    assert body["detail"] == body["error"]["message"] and body["error"]["hint"]
    return dict(body["error"])
