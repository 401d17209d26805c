"""Question answering over United Nations disarmament documents, with cited paragraphs."""

__version__ = "0.1.0"
