# syntax=docker/dockerfile:1
# Build stage: install the package and its dependencies (CPU torch) into a virtual environment.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY rag ./rag
# The CPU build of torch; a GPU image installs the CUDA build of the same version instead (see README).
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
 && pip install .

# Run stage: the environment, the corpus and a non-root user; the index lives in a volume.
FROM python:3.11-slim
RUN useradd --create-home --uid 10001 rag
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    RAG_CORPUS_DIR=/app/corpus \
    RAG_INDEX_DIR=/data/index/current \
    HF_HOME=/models \
    PYTHONUNBUFFERED=1
WORKDIR /app
COPY --chown=rag:rag corpus ./corpus
RUN mkdir -p /data/index /models && chown -R rag:rag /data /models
USER rag
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=600s \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz').status==200 else 1)"
# Builds the index on first start (or when the corpus changed) into the volume, then serves.
CMD ["rag", "serve", "--host", "0.0.0.0", "--port", "8000"]
