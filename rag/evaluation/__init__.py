"""Measuring the system against a gold question set.

- `retrieval`: hit@k, evidence recall@k, MRR per language and type.
- `answers`: list P/R/F1, yes/no, abstention, citation precision, grounding and latency through /v1/ask's code path.
- `sets`: which question files a run covers (the development and the held-out set by default) and where each
  set's report goes.
"""
