"""Building, verifying and loading an index: a directory of named files plus a manifest, swapped in atomically.

- `store`: build (parse, BM25, FAISS), verify and load (LoadedIndex), staleness, start-up recovery.
- `manifest`: manifest.json as a typed model.
- `builds`: the builds directory: the `current` link's swap, pruning, holds on served builds, file hashes.
- `lexical`: tokenisation (jieba and bigrams for Chinese) and weighted-query BM25 over bm25s.
- `dense`: the sentence-transformers encoder behind the Encoder protocol.
"""
