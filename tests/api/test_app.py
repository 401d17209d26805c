"""The assembled app over a real socket (the routes have their own tests in tests/api/routes/)."""

from __future__ import annotations

import json
import urllib.request

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.indexing.store import build_index
from tests.support.live_server import serve


def test_real_http_round_trip(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False)
    with serve(create_app(lexical_settings)) as base_url:
        request = urllib.request.Request(
            f"{base_url}/v1/search",
            data=json.dumps({"query": "Cuba coercive measures", "k": 2}).encode(),
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.loads(response.read())
        assert body["hits"][0]["respondent"]["name"] == "Cuba"
