"""Question answering over United Nations disarmament documents, with cited paragraphs.

Stage packages, each importing only from those below it (checked by lint-imports):
core < lang < ingest < indexing < retrieval | llm < answering < runtime < api | evaluation < cli.
`runtime` is the composition root that builds the service for both the CLI and the API.
"""

__version__ = "0.1.0"
