"""Hot reload (rag/reload.py, POST /admin/reload): a new build is swapped in without failing a request, the
same build is not reloaded, a corrupt, missing or mismatched index is refused while the old one keeps serving,
reloads are serialised, and the manifest watcher reloads through the same code path."""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.api.deps import state_of
from rag.api.reload import IndexWatcher, Reloader, ReloadRefused
from rag.core.settings import Settings
from rag.indexing.manifest import MANIFEST, read_manifest
from rag.indexing.store import build_index
from rag.retrieval.service import Service
from tests.support.admin import ADMIN, READER, admin_settings, built_at
from tests.support.builds import clock_after, corrupt_payload, rebuild
from tests.support.fake_llm import Reply, ScriptedLLM
from tests.support.live_server import serve
from tests.support.samples import EN_SAMPLE

EN_ONLY_CATALOGUE = """documents:
  - file: S_2.en.txt
    symbol: A/77/99
    language: en
    title_en: Replies of Member States
    resolution: null
"""


def reloads(app: Any, outcome: str) -> float:
    value = state_of(app).metrics.registry.get_sample_value("rag_index_reloads_total", {"outcome": outcome})
    return value or 0.0


def test_a_new_build_is_swapped_in_and_the_same_one_is_not_reloaded(client: TestClient, built: Settings) -> None:
    first = built_at(client)
    same = client.post("/admin/reload", headers=ADMIN)
    assert same.status_code == 200, same.text
    assert same.json() == {
        "reloaded": False,
        "built_at": first,
        "mode": "lexical",
        "counts": read_manifest(built.index_dir).counts.model_dump(),
        "previous_built_at": first,
    }
    manifest = rebuild(built)
    body = client.post("/admin/reload", headers=ADMIN).json()
    assert body["reloaded"] is True and body["built_at"] == manifest.built_at != first
    assert body["previous_built_at"] == first and body["counts"] == manifest.counts.model_dump()
    assert built_at(client) == manifest.built_at
    assert client.post("/v1/search", json={"query": "export controls"}, headers=READER).status_code == 200
    app = client.app
    assert reloads(app, "ok") == 1 and reloads(app, "unchanged") == 1
    metrics = state_of(app).metrics.registry  # type: ignore[arg-type]
    assert metrics.get_sample_value("rag_index_info", {"mode": "lexical", "built_at": manifest.built_at}) == 1


def corrupt_manifest_json(path: Path) -> None:
    (path / MANIFEST).write_text('{"format_version": 1, "built_at": ', encoding="utf-8")


def corrupt_manifest_count(path: Path) -> None:
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    manifest["counts"]["passages"] += 1
    (path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def corrupt_manifest_keys(path: Path) -> None:
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    del manifest["counts"]
    (path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    ("corrupt", "fragment"),
    [
        (corrupt_payload, "passages.jsonl does not match its hash"),
        (corrupt_manifest_json, "is unreadable"),
        (corrupt_manifest_count, "passages in the manifest"),
        (corrupt_manifest_keys, "cannot be loaded"),
    ],
)
def test_a_corrupt_build_is_refused_and_the_old_index_keeps_serving(
    client: TestClient, built: Settings, corrupt: Any, fragment: str, caplog: pytest.LogCaptureFixture
) -> None:
    old = built_at(client)
    damaged = rebuild(built)
    corrupt(built.index_dir.resolve())
    with caplog.at_level(logging.ERROR, logger="rag.api.reload"):
        refused = client.post("/admin/reload", headers=ADMIN)
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["stage"] == "index reload" and error["details"] == {"reason": "corrupt", "serving_built_at": old}
    assert fragment in error["message"] and f"the index built at {old} keeps serving" in error["message"]
    assert "rebuild" in error["hint"]
    assert any(
        r.name == "rag.api.reload" and r.levelno == logging.ERROR and fragment in r.getMessage() for r in caplog.records
    )
    assert built_at(client) == old
    assert client.post("/v1/search", json={"query": "export controls"}, headers=READER).status_code == 200
    assert reloads(client.app, "refused") == 1 and reloads(client.app, "ok") == 0
    with clock_after(damaged.built_at):  # fixed (a later build than the damaged one, whose manifest may be unreadable)
        build_index(built, progress=False)
    assert client.post("/admin/reload", headers=ADMIN).json()["reloaded"] is True


def test_refusals_name_no_server_path(
    client: TestClient, built: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rebuild(built)
    corrupt_payload(built.index_dir.resolve())
    with caplog.at_level(logging.ERROR, logger="rag.api.reload"):
        corrupt = client.post("/admin/reload", headers=ADMIN)
    rebuild(built, zh_tokenizer="bigram")
    mismatched = client.post("/admin/reload", headers=ADMIN)
    built.index_dir.unlink()
    missing = client.post("/admin/reload", headers=ADMIN)
    for refused in (corrupt, mismatched, missing):
        assert refused.status_code == 409, refused.text
        assert str(tmp_path) not in refused.text and "…/" in refused.json()["error"]["message"]
    assert any(str(tmp_path) in r.getMessage() for r in caplog.records)  # the operator's log says where


def test_an_index_cut_differently_is_mismatched(client: TestClient, built: Settings) -> None:
    rebuild(built, zh_tokenizer="bigram")
    refused = client.post("/admin/reload", headers=ADMIN).json()["error"]
    assert refused["details"]["reason"] == "mismatched"
    assert "cuts Chinese with 'bigram', the service with 'both'" in refused["message"]


@pytest.mark.slow
def test_a_dense_index_without_an_encoder_is_mismatched(
    client: TestClient, built: Settings, tiny_model_path: Path
) -> None:
    """The service runs lexical-only (RAG_EMBEDDING_MODEL=""): it cannot query a hybrid build."""
    rebuild(built, embedding_model=str(tiny_model_path))
    refused = client.post("/admin/reload", headers=ADMIN)
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["details"]["reason"] == "mismatched" and "has no query encoder" in error["message"]


@pytest.mark.slow
def test_a_hybrid_service_refuses_another_model_and_a_lexical_build(hybrid_settings: Settings, tmp_path: Path) -> None:
    build_index(hybrid_settings, progress=False)
    service = Service.load(hybrid_settings)
    assert service.mode == "hybrid"
    reloader = Reloader(hybrid_settings, lambda: service, lambda new: None)
    other = tmp_path / "other-model"
    shutil.copytree(hybrid_settings.embedding_model, other)  # the same weights under another name
    rebuild(hybrid_settings, embedding_model=str(other))
    with pytest.raises(ReloadRefused, match=r"built with .*other-model \(\d+ dimensions\), the service's query"):
        reloader.reload()
    rebuild(hybrid_settings, embedding_model="")
    with pytest.raises(ReloadRefused, match=r"lexical-only .* but the service serves hybrid retrieval"):
        reloader.reload()
    rebuild(hybrid_settings)  # the service's own model: accepted, and the loaded encoder is reused
    swapped: list[Service] = []
    reloader.put = swapped.append
    assert reloader.reload().mode == "hybrid"
    assert swapped[0].retriever.encoder is service.retriever.encoder


def test_reloads_are_serialised(built: Settings) -> None:
    serving = [Service.load(built)]
    reloader = Reloader(built, lambda: serving[-1], serving.append)
    rebuild(built)
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(reloader.reload().reloaded)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 5 + [True] and len(serving) == 2


def test_an_index_built_after_start_up_is_loaded_by_a_reload(lexical_settings: Settings) -> None:
    settings = admin_settings(lexical_settings)
    with TestClient(create_app(settings)) as client:
        assert client.post("/v1/search", json={"query": "x"}, headers=READER).status_code == 503
        missing = client.post("/admin/reload", headers=ADMIN).json()["error"]
        assert "no index is being served" in missing["message"]
        manifest = build_index(settings, progress=False)
        body = client.post("/admin/reload", headers=ADMIN).json()
        assert body["reloaded"] is True and body["previous_built_at"] is None
        assert body["built_at"] == manifest.built_at
        assert client.post("/v1/search", json={"query": "export"}, headers=READER).status_code == 200


def test_an_answer_in_flight_keeps_the_index_it_started_with(built: Settings, tmp_path: Path) -> None:
    """The model stalls a Chinese question about the EU's reply in A/77/96 while a build without that report is
    swapped in: the answer still cites A/77/96 from the old index; the next answer cannot."""
    english_only = tmp_path / "english-only"
    english_only.mkdir()
    (english_only / "S_2.en.txt").write_text(EN_SAMPLE, encoding="utf-8")
    (english_only / "corpus.yaml").write_text(EN_ONLY_CATALOGUE, encoding="utf-8")
    started, release = threading.Event(), threading.Event()

    def stall(body: dict[str, Any]) -> Reply:
        started.set()
        release.wait(10)
        return Reply(status=500)  # the answer falls back to extractive, from the passages it already has

    question = {"question": "欧洲联盟支持什么？"}
    with ScriptedLLM() as llm:
        llm.responder = stall
        settings = built.model_copy(update={"llm_base_url": llm.base_url, "llm_timeout": 20})
        with serve(create_app(settings)) as base, httpx.Client(base_url=base, timeout=30) as http:
            answers: list[httpx.Response] = []
            asking = threading.Thread(
                target=lambda: answers.append(http.post("/v1/ask", json=question, headers=READER))
            )
            asking.start()
            assert started.wait(10)
            rebuild(built, corpus_dir=english_only)
            assert http.post("/admin/reload", headers=ADMIN).json()["reloaded"] is True
            release.set()
            asking.join(20)
            llm.responder = lambda body: Reply(status=500)
            after = http.post("/v1/ask", json=question, headers=READER)
    assert answers[0].status_code == 200 and after.status_code == 200
    assert "S_1" in {c["doc"]["id"] for c in answers[0].json()["citations"]}
    assert "S_1" not in {c["doc"]["id"] for c in after.json()["citations"]}


def test_the_watcher_reloads_a_changed_manifest_once(built: Settings) -> None:
    serving = [Service.load(built)]
    watcher = IndexWatcher(Reloader(built, lambda: serving[-1], serving.append), interval=60)
    first = watcher.poll()
    assert first is not None and first.reloaded is False  # the first look: the index being served
    assert watcher.poll() is None
    manifest = rebuild(built)
    result = watcher.poll()
    assert result is not None and result.reloaded and serving[-1].built_at == manifest.built_at
    rebuild(built)
    corrupt_payload(built.index_dir.resolve())
    assert watcher.poll() is None and len(serving) == 2  # refused (and logged) ...
    calls: list[int] = []
    original = watcher.reloader.reload
    watcher.reloader.reload = lambda: calls.append(1) or original()  # type: ignore[method-assign]
    assert watcher.poll() is None and calls == []  # ... and not retried until the files change again
    rebuild(built)
    assert watcher.poll() is not None and calls == [1] and len(serving) == 3


def test_the_watch_thread_follows_new_builds_and_stops_with_the_app(built: Settings) -> None:
    settings = built.model_copy(update={"reload_watch": True, "reload_interval": 0.05})
    with TestClient(create_app(settings)) as client:
        assert any(t.name == "rag-index-watch" for t in threading.enumerate())
        manifest = rebuild(built)
        deadline = time.monotonic() + 10
        while built_at(client) != manifest.built_at and time.monotonic() < deadline:
            time.sleep(0.05)
        assert built_at(client) == manifest.built_at
        assert reloads(client.app, "ok") == 1
    assert not any(t.name == "rag-index-watch" for t in threading.enumerate())


def test_watch_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (Settings().reload_watch, Settings().reload_interval) == (False, 5.0)
    monkeypatch.setenv("RAG_RELOAD_WATCH", "true")
    monkeypatch.setenv("RAG_RELOAD_INTERVAL", "0.5")
    assert (Settings().reload_watch, Settings().reload_interval) == (True, 0.5)


def test_an_index_of_other_weights_of_the_same_model_is_mismatched(lexical_settings: Settings) -> None:
    import dataclasses

    from rag.api.reload import mismatch
    from tests.support.fake_encoder import PROVENANCE, HashEncoder

    manifest = build_index(lexical_settings, progress=False, encoder=HashEncoder())
    assert mismatch(manifest, lexical_settings, None, HashEncoder()) is None
    hub = HashEncoder(provenance=dataclasses.replace(PROVENANCE, source="hub", sha256=None, revision="f" * 40))
    problem = mismatch(manifest, lexical_settings, None, hub)
    assert problem is not None and "from pypi:rag-tests" in problem and "other weights of it (from hub)" in problem
