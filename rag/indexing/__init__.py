"""Building, verifying and loading an index: a directory of named files plus a manifest, swapped in atomically.

- `store`: build (parse, BM25, FAISS), verify and load (LoadedIndex), staleness.
- `manifest`: manifest.json as a typed model.
- `lexical`: tokenisation (jieba and bigrams for Chinese) and weighted-query BM25 over bm25s.
- `dense`: the sentence-transformers encoder behind the Encoder protocol.
"""
