"""GET /: a landing page that loads nothing and whose every link answers, under the root path."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rag import __version__
from rag.api.app import create_app
from rag.core.settings import Settings
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def client(settings: Settings, service: Service) -> Iterator[TestClient]:
    with TestClient(create_app(settings, service), root_path="/qa") as test_client:
        yield test_client


def test_the_landing_page_says_what_the_service_does_and_links_every_door(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<h1>UN disarmament documents" in page and "cited to the exact paragraph" in page
    links = re.findall(r'href="([^"]+)"', page)
    assert links == ["/qa/demo", "/qa/docs", "/qa/redoc", "/qa/openapi.json", "/qa/healthz", "/qa/readyz"]
    for link in links:  # the test client is addressed as the proxy would leave it: without the prefix
        assert client.get(link.removeprefix("/qa")).status_code == 200, link
    assert f"version {__version__}" in page and "{{" not in page


def test_the_landing_page_loads_nothing(client: TestClient) -> None:
    page = client.get("/").text
    assert not re.search(r"<(script|img|link|iframe)\b|@import|url\(", page)
    assert "http://" not in page and "https://" not in page


def test_the_root_path_is_written_as_text(settings: Settings, service: Service) -> None:
    with TestClient(create_app(settings, service), root_path='/q"a<') as odd:
        page = odd.get("/").text
    assert 'href="/q&quot;a&lt;/demo"' in page and '/q"a<' not in page


def test_the_landing_page_is_not_in_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not {"/", "/docs", "/redoc"} & paths.keys()
