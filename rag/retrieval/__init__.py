"""Finding passages. The Retriever is the one door into a loaded index.

- `query`: the question analysed once (language, symbols, respondents, glossary terms, concepts) with the
  LanguageTables record.
- `retriever`: weighted BM25 and FAISS candidates fused, filters and boosts; the index's reads for later stages.
- `fusion`: reciprocal-rank fusion, a pure function.
- `service`: the loaded index with its retriever and query encoder.
"""
