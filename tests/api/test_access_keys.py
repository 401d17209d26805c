"""Scoped API keys: entries and the keys file, what each scope opens (ask, search, admin), the admin endpoints
(refused until an admin key exists, never opened by the user header), /metrics, the feedback export route and
`rag keys hash|new`."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from rag.api.app import create_app
from rag.api.deps import state_of
from rag.api.feedback import COLUMNS, Feedback, FeedbackStore
from rag.cli import main
from rag.core.errors import ConfigError
from rag.core.keys import ApiKey, hash_secret, load_keys, parse_entry
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.access import assert_access_error, configured

NORWAY = "Does Norway support resolution 76/234?"
WIDGET, SEARCHER, ASKER, OPS = "widget-secret", "search-only-secret", "ask-only-secret", "ops secret: with colons"
ENTRIES = (
    f"widget:ask+search:{WIDGET},searcher:search:{hash_secret(SEARCHER)},"
    f"asker:ask:{ASKER},ops:admin:{hash_secret(OPS).upper().replace('SHA256', 'sha256')}"
)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# --- entries ---


def test_entries_are_parsed_and_hashed() -> None:
    assert parse_entry("widget:ask+search:s3cret", 1) == ApiKey(
        "widget", frozenset({"ask", "search"}), digest("s3cret")
    )
    assert parse_entry(" ops : Admin : sha256:" + "AB" * 32, 1) == ApiKey("ops", frozenset({"admin"}), "ab" * 32)
    assert parse_entry("a:search:secret:with:colons", 1).digest == digest("secret:with:colons")
    # the format before scopes: a bare secret or digest asks and searches, named by its position
    assert parse_entry("legacy", 3) == ApiKey("key-3", frozenset({"ask", "search"}), digest("legacy"))
    assert parse_entry("sha256:" + "0" * 64, 2).name == "key-2"
    assert parse_entry("n:search+ask:x", 1).entry == f"n:ask+search:sha256:{digest('x')}"


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("w:ask+write:s", "unknown scope: the scopes are"),
        ("w::s", "no scopes given"),
        ("w:ask+:s", "no scopes given"),
        ("-w:ask:s", "the key name is not allowed"),
        ("w:ask", "expected name:scopes:secret"),
        ("w:ask:", "the secret is empty"),
        ("w:ask:sha256:abc", "64 hexadecimal digits"),
        ("sha256:abc", "64 hexadecimal digits"),
    ],
)
def test_malformed_entries_say_what_is_wrong(entry: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_entry(entry, 1)


def test_settings_hash_keys_as_read_and_never_show_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_API_KEYS", f"old-style-secret,web:ask+search:{WIDGET}")
    settings = Settings()
    assert settings.api_keys == [
        f"key-1:ask+search:sha256:{digest('old-style-secret')}",
        f"web:ask+search:sha256:{digest(WIDGET)}",
    ]
    assert WIDGET not in repr(settings) and "old-style-secret" not in repr(settings)
    monkeypatch.setenv("RAG_API_KEYS", f"web:ask+search:{WIDGET},web:admin:{OPS}")
    with pytest.raises(ValidationError, match="RAG_API_KEYS entry 2: the key name 'web' is already used") as error:
        Settings()
    monkeypatch.setenv("RAG_API_KEYS", f"web:ask+serach:{WIDGET}")
    with pytest.raises(ValidationError, match="RAG_API_KEYS entry 1: unknown scope") as error:
        Settings()
    assert WIDGET not in str(error.value)  # a malformed entry's key stays out of the error (and the logs)
    # a plain key with colons in it reads as name:scopes:secret: no part of it is echoed
    monkeypatch.setenv("RAG_API_KEYS", "Xk9q:Zr7w:Pm3v")
    with pytest.raises(ValidationError, match="RAG_API_KEYS entry 1: unknown scope") as error:
        Settings()
    assert "zr7w" not in str(error.value).lower() and "pm3v" not in str(error.value).lower()


# --- the keys file ---


def test_the_keys_file_adds_entries_with_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text(
        f"# intranet widget\r\nwidget:ask+search:{hash_secret(WIDGET)}\r\n\n   \n  # ops\nops:admin:{OPS}\nlegacy\n",
        encoding="utf-8",
    )
    keys = load_keys(["from-env"], path)
    assert [(key.name, sorted(key.scopes)) for key in keys] == [
        ("key-1", ["ask", "search"]),
        ("widget", ["ask", "search"]),
        ("ops", ["admin"]),
        ("key-4", ["ask", "search"]),
    ]
    assert keys[2].digest == digest(OPS)
    assert load_keys([], None) == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("# ok\nwidget:ask:a\nwidget:ask+admin:b\n", "line 3: the key name 'widget' is already used by"),
        ("widget:ask:a\n\nbroken:ask+sarch:zzz\n", "line 3: unknown scope: the scopes are"),
        ("w:ask:a\nx:search:a\n", "line 2: the same secret is already configured by"),
    ],
)
def test_a_malformed_keys_file_line_is_named(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "keys"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment) as error:
        load_keys([], path)
    assert str(path) in error.value.message and "zzz" not in str(error.value)


def test_a_missing_keys_file_stops_the_start_up(settings: Settings, service: Service, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "keys"
    with pytest.raises(ConfigError, match=f"cannot read RAG_API_KEYS_FILE {missing}: No such file") as error:
        create_app(configured(settings, api_keys_file=missing), service)
    assert error.value.stage == "settings" and "RAG_API_KEYS_FILE" in (error.value.hint or "")
    with pytest.raises(ConfigError, match="cannot read"):
        load_keys([], tmp_path)  # a directory


def test_an_empty_keys_file_setting_means_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_API_KEYS_FILE", "")
    assert Settings().api_keys_file is None


# --- scopes over HTTP ---


REQUESTS: dict[str, tuple[str, str, Any]] = {
    "ask": ("POST", "/v1/ask", {"question": NORWAY}),
    "stream": ("POST", "/v1/ask/stream", {"question": NORWAY}),
    "chat": ("POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": NORWAY}]}),
    "models": ("GET", "/v1/models", None),
    "feedback": ("POST", "/v1/feedback", {"rating": "up", "question": NORWAY}),
    "search": ("POST", "/v1/search", {"query": "export controls", "k": 2}),
    "documents": ("GET", "/v1/documents", None),
    "passage": ("GET", "/v1/passages/{first}", None),
    "export": ("GET", "/admin/feedback", None),
    "reload": ("POST", "/admin/reload", None),
    "metrics": ("GET", "/metrics", None),
}
OPENS = {
    WIDGET: {"ask", "stream", "chat", "models", "feedback", "search", "documents", "passage"},
    SEARCHER: {"search", "documents", "passage"},
    ASKER: {"ask", "stream", "chat", "models", "feedback"},
    OPS: set(REQUESTS) - {"reload"},  # reload: its own route, tested with it; here only that the key is let in
}


def send(client: TestClient, name: str, headers: dict[str, str]) -> Any:
    method, path, body = REQUESTS[name]
    first = state_of(client.app).runtime.current().index.passages[0].id  # type: ignore[arg-type]
    return client.request(method, path.format(first=first), json=body, headers=headers)


@pytest.mark.parametrize("secret", [WIDGET, SEARCHER, ASKER, OPS], ids=["widget", "searcher", "asker", "ops"])
def test_each_scope_opens_its_endpoints_and_no_others(make_client: Any, secret: str) -> None:
    client = make_client(api_keys=ENTRIES)
    for name, (_, path, _) in REQUESTS.items():
        response = send(client, name, {"Authorization": f"Bearer {secret}"})
        if name in OPENS[secret]:
            assert response.status_code in (200, 201), (name, response.text)
        elif secret == OPS:
            assert response.status_code not in (401, 403), (name, response.text)
        else:
            admin_path = path.startswith("/admin") or path == "/metrics"
            needed = "admin" if admin_path else "ask" if secret == SEARCHER else "search"
            error = assert_access_error(response, 403, f"lacks the {needed}")
            assert "rag keys new" in error["hint"]


def test_the_admin_key_reads_metrics_and_unlisted_v1_paths_need_admin(make_client: Any) -> None:
    client = make_client(api_keys=ENTRIES)
    assert "rag_http_requests" in client.get("/metrics", headers={"X-API-Key": OPS}).text
    assert_access_error(client.get("/v1/unlisted", headers={"X-API-Key": WIDGET}), 403, "lacks the admin scope")
    assert client.get("/v1/unlisted", headers={"X-API-Key": OPS}).status_code == 404
    missing = client.get("/metrics")
    assert_access_error(missing, 401, "/metrics needs an API key with the admin scope")
    assert missing.headers["www-authenticate"] == "Bearer"
    assert_access_error(client.get("/admin/feedback", headers={"X-API-Key": "guess"}), 401, "not valid")


@pytest.mark.parametrize(
    "changes",
    [{}, {"api_keys": f"widget:ask+search:{WIDGET}"}, {"trusted_user_header": "X-Forwarded-User"}],
    ids=["open", "no-admin-key", "proxy-only"],
)
def test_admin_endpoints_are_disabled_without_an_admin_key(make_client: Any, changes: dict[str, Any]) -> None:
    client = make_client(**changes)
    headers = {"X-API-Key": WIDGET, "X-Forwarded-User": "alice"}
    for method, path in (("GET", "/admin/feedback"), ("POST", "/admin/reload"), ("GET", "/admin")):
        response = client.request(method, path, headers=headers)
        error = assert_access_error(response, 403, "admin endpoints are disabled: configure a key with the admin scope")
        assert "rag keys new NAME --scopes admin" in error["hint"]
    metrics = client.get("/metrics", headers=headers)
    if "api_keys" in changes:
        assert_access_error(metrics, 403, "/metrics is disabled")
    else:
        assert metrics.status_code == 200  # no key configured at all: metrics are as open as the API


def test_the_user_header_never_grants_admin(make_client: Any) -> None:
    client = make_client(api_keys=f"ops:admin:{OPS}", trusted_user_header="X-Forwarded-User")
    as_alice = {"X-Forwarded-User": "alice"}
    assert client.post("/v1/search", json=REQUESTS["search"][2], headers=as_alice).status_code == 200
    error = assert_access_error(client.get("/admin/feedback", headers=as_alice), 401, "admin scope")
    assert "never grants admin" in error["hint"]
    assert_access_error(client.get("/v1/unlisted", headers=as_alice), 403, "never grants")
    assert_access_error(client.get("/metrics", headers=as_alice), 401, "admin scope")
    assert client.get("/admin/feedback", headers={**as_alice, "X-API-Key": OPS}).status_code == 200


# --- GET /admin/feedback ---


def test_the_feedback_export_route(make_client: Any, tmp_path: Path) -> None:
    db = tmp_path / "export.sqlite3"
    client = make_client(api_keys=f"ops:admin:{OPS}", feedback_db=db)
    admin = {"X-API-Key": OPS}
    empty = client.get("/admin/feedback", headers=admin)  # nothing stored yet: no rows, not an error
    assert empty.status_code == 200 and empty.text == "" and not db.exists()
    store = FeedbackStore(db)
    store.add(Feedback("up", "早", "答 [1]", [{"n": 1, "id": "p1", "quote": "引文"}]), datetime(2025, 1, 5, tzinfo=UTC))
    store.add(Feedback("down", "mid", comment="=HYPERLINK(1)"), datetime(2025, 2, 5, tzinfo=UTC))
    jsonl = client.get("/admin/feedback", headers=admin)
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="feedback.jsonl"' in jsonl.headers["content-disposition"]
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [row["question"] for row in rows] == ["早", "mid"] and list(rows[0]) == list(COLUMNS)
    assert rows[0]["citations"] == [{"n": 1, "id": "p1", "quote": "引文"}]
    since = client.get("/admin/feedback", params={"since": "2025-02-01"}, headers=admin)
    assert [json.loads(line)["question"] for line in since.text.splitlines()] == ["mid"]
    up = client.get("/admin/feedback", params={"rating": "up", "format": "csv"}, headers=admin)
    assert up.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(up.text)))
    assert [row["question"] for row in table] == ["早"] and json.loads(table[0]["citations"])[0]["id"] == "p1"
    down = list(csv.DictReader(io.StringIO(client.get("/admin/feedback?format=csv&rating=down", headers=admin).text)))
    assert down[0]["comment"] == "'=HYPERLINK(1)"  # never a formula in the analyst's spreadsheet
    bad = client.get("/admin/feedback", params={"since": "last week"}, headers=admin)
    assert bad.status_code == 422 and "'last week' is not a date" in bad.json()["error"]["message"]
    assert client.get("/admin/feedback", params={"format": "xml"}, headers=admin).status_code == 422


# --- rag keys ---


class Stdin(io.StringIO):
    def __init__(self, text: str, tty: bool = False) -> None:
        super().__init__(text)
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_rag_keys_hash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", Stdin(f"{OPS}\n"))
    assert main(["keys", "hash"]) == 0
    assert capsys.readouterr().out == f"sha256:{digest(OPS)}\n"
    prompts: list[str] = []
    monkeypatch.setattr("sys.stdin", Stdin("", tty=True))
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or WIDGET)
    assert main(["keys", "hash"]) == 0
    assert capsys.readouterr().out == f"sha256:{digest(WIDGET)}\n" and prompts == ["key: "]
    monkeypatch.setattr("sys.stdin", Stdin("\n"))
    assert main(["keys", "hash"]) == 2
    assert "no key given" in capsys.readouterr().err


def test_rag_keys_new(make_client: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "new", "intranet-widget"]) == 0
    captured = capsys.readouterr()
    secret, entry = captured.out.splitlines()
    assert len(secret) >= 40 and entry == f"intranet-widget:ask+search:sha256:{digest(secret)}"
    assert "stored nowhere" in captured.err and secret not in captured.err
    assert main(["keys", "new", "ops", "--scopes", "admin+ask"]) == 0
    ops_secret, ops_entry = capsys.readouterr().out.splitlines()
    assert ops_entry.startswith("ops:ask+admin:sha256:") and ops_secret != secret
    client = make_client(api_keys=f"{entry},{ops_entry}")
    assert client.get("/v1/documents", headers={"X-API-Key": secret}).status_code == 200
    assert client.get("/admin/feedback", headers={"X-API-Key": ops_secret}).status_code == 200
    assert main(["keys", "new", "x", "--scopes", "write"]) == 2
    assert "unknown scope: the scopes are ask, search, admin" in capsys.readouterr().err


def test_a_malformed_keys_setting_stops_rag_with_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rag.core.settings import get_settings

    monkeypatch.setenv("RAG_API_KEYS", "Xk9q:Zr7w:Pm3v")  # a plain key with colons: read as name:scopes:secret
    get_settings.cache_clear()
    try:
        assert main(["serve", "--no-build"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "RAG_API_KEYS entry 1" in err and "Traceback" not in err
    assert "zr7w" not in err.lower() and "pm3v" not in err.lower()
