"""/docs (Swagger UI) and /redoc served whole by the service: their assets from pinned packages, nothing from a
CDN, under the root path and behind the access control; in a real browser that may reach nothing but loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.api.routes.apidocs import ASSETS, SERVED, asset_file
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.browser import new_page, screenshot
from tests.support.live_server import serve

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="module")
def docs_client(settings: Settings, service: Service) -> Iterator[TestClient]:
    with TestClient(create_app(settings, service), root_path="/qa") as client:
        yield client


def test_the_pages_name_only_assets_of_the_service_itself(docs_client: TestClient) -> None:
    for page, assets in (("/docs", 3), ("/redoc", 2)):
        response = docs_client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        text = response.text
        assert "http://" not in text and "https://" not in text  # no CDN, no web fonts, no favicon from elsewhere
        assert text.count(f"/qa{ASSETS}/") == assets  # each asset under the root path
        assert "'/qa/openapi.json'" in text or '"/qa/openapi.json"' in text
    swagger = docs_client.get("/docs").text
    assert '"validatorUrl": null' in swagger  # the online validator would send the schema's address away


def test_every_asset_is_served_with_its_type_and_a_cache_lifetime(docs_client: TestClient) -> None:
    for name, (_, media_type) in SERVED.items():
        response = docs_client.get(f"{ASSETS}/{name}")
        assert response.status_code == 200, name
        assert response.headers["content-type"] == media_type
        assert "max-age=" in response.headers["cache-control"]
        assert response.content == asset_file(name).read_bytes() and len(response.content) > 500
    assert b"SwaggerUIBundle" in docs_client.get(f"{ASSETS}/swagger-ui-bundle.js").content
    assert b"Redoc" in docs_client.get(f"{ASSETS}/redoc.standalone.js").content


def test_no_other_file_of_the_packages_is_reachable(docs_client: TestClient) -> None:
    for name in ("swagger-ui-bundle.js.map", "index.html", "core.py", "..%2F__init__.py", "..%2Fstatic%2Fcore.py"):
        response = docs_client.get(f"{ASSETS}/{name}")
        assert response.status_code == 404, name
        assert response.headers["content-type"] == "application/json"
    assert "one of: swagger-ui-bundle.js" in docs_client.get(f"{ASSETS}/core.py").json()["error"]["hint"]


def test_the_docs_are_public_and_answer_only_to_allowed_hosts(make_client: Any) -> None:
    keyed = make_client(api_keys="reader:ask:sha256:" + "0" * 64)
    assert keyed.get("/docs").status_code == 200  # no key needed to read the documentation
    assert keyed.get(f"{ASSETS}/swagger-ui.css").status_code == 200
    assert keyed.get("/docs", headers={"host": "evil.example"}).status_code == 400


@pytest.fixture(scope="module")
def api(settings: Settings, service: Service) -> Iterator[str]:
    with serve(create_app(settings, service)) as url:
        yield url


@dataclass
class Offline:
    """A page whose every request that would leave loopback is refused, as on an air-gapped network."""

    requested: list[str] = field(default_factory=list)  # every request the page made
    refused: list[str] = field(default_factory=list)  # those that reached the network and were aborted there
    failed: dict[str, str] = field(default_factory=dict)  # url: why the browser gave it up

    def watch(self, page: Any) -> None:
        page.route("**/*", self._route)
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("requestfailed", lambda request: self.failed.setdefault(request.url, request.failure or ""))

    def _route(self, handle: Any) -> None:
        url = urlsplit(handle.request.url)
        if url.scheme in ("data", "blob") or url.hostname in LOOPBACK:
            handle.continue_()
        else:
            self.refused.append(handle.request.url)
            handle.abort()

    def elsewhere(self) -> list[str]:
        return [url for url in self.requested if urlsplit(url).scheme not in ("data", "blob") and not _loopback(url)]


def _loopback(url: str) -> bool:
    return urlsplit(url).hostname in LOOPBACK


@pytest.mark.browser
def test_swagger_ui_renders_with_the_network_cut_off(browser: Any, api: str) -> None:
    network = Offline()
    with new_page(browser) as page:
        network.watch(page)
        page.goto(f"{api}/docs")
        page.locator(".opblock-summary-path", has_text="/v1/ask").first.wait_for(state="visible")
        assert page.locator(".opblock").count() >= 8  # the operations list, not an error box
        assert page.locator(".errors-wrapper").count() == 0
        assert page.locator(".opblock-summary-path", has_text="/v1/search").count() == 1
        screenshot(page, "docs-offline")
        assert not page.errors
    assert any(f"{ASSETS}/swagger-ui-bundle.js" in url for url in network.requested)
    assert any(url.endswith("/openapi.json") for url in network.requested)
    assert network.elsewhere() == [] and network.refused == []  # nothing asked of another host
    assert network.failed == {}


@pytest.mark.browser
def test_redoc_renders_with_the_network_cut_off(browser: Any, api: str) -> None:
    network = Offline()
    with new_page(browser) as page:
        network.watch(page)
        page.goto(f"{api}/redoc")
        page.get_by_role("heading", name="UN disarmament documents QA").first.wait_for(state="visible")
        page.locator("[data-section-id]").first.wait_for(state="attached")
        assert page.get_by_text("/v1/ask", exact=False).count() >= 1
        screenshot(page, "redoc-offline")
        assert not page.errors
    assert any(f"{ASSETS}/redoc.standalone.js" in url for url in network.requested)
    assert network.refused == []  # nothing reached the network for another host
    # ReDoc's footer logo (cdn.redoc.ly, in its code whatever the options) is stopped by the page's policy in the
    # browser itself; nothing else is asked of elsewhere
    assert all("csp" in network.failed.get(url, "").lower() for url in network.elsewhere()), network.failed
    assert [urlsplit(url).hostname for url in network.elsewhere()] in ([], ["cdn.redoc.ly"])


def test_the_browsers_icon_is_served(docs_client: TestClient) -> None:
    response = docs_client.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
