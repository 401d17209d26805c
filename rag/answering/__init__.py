"""From retrieved passages to a cited answer.

- `pipeline`: the Answerer; orchestrates one question as a stream of events and does nothing else.
- `followup`: follow-ups rewritten to stand alone.
- `abstention`: when and how to say the documents do not answer.
- `extract`: extractive answers (quotes with citations); `evidence`: scoring sentences as evidence for a question.
- `compose`: answers composed by the language model.
- `listing`, `respondents`, `verdicts`, `scope`: set questions ("which states …"): the documents in scope, every
  reply judged (by cues, or by the model with checked quotes), one item per respondent.
- `citations`: checking the model's [n] markers and locating quotes.
- `records`: what every way of answering shares (the run, citations, the Answer).
"""
