"""Shared foundations every stage stands on; imports nothing else of rag.

- `types`: the frozen records that flow between the stages (Document, Respondent, Passage, Hit, Answer, …).
- `errors`: the error hierarchy; each error names its stage and what to do. Messages are made of them once for
  the API (rag.api.errors) and once for the CLI (rag.cli.program).
- `settings`: the one Settings class (RAG_* environment variables, .env).
- `keys`: API key entries (`name:scopes:secret`), parsed and hashed as Settings reads them.
- `text`: script and text helpers (fold, is_cjk, line joining, sentences, passage escaping).
- `logs`: the talkative libraries' log levels (faiss, bm25s, sentence-transformers), set where logging is set up.
"""
