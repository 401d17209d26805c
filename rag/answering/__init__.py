"""From retrieved passages to a cited answer.

- `pipeline`: the Answerer; orchestrates one question as a stream of events and does nothing else.
- `followup`: follow-ups that cannot stand alone rewritten to.
- `abstention`: when and how to say the documents do not answer.
- `extract`: extractive answers (quotes with citations); `evidence`: scoring sentences as evidence for a question;
  `semantic`: the same sentences re-ranked by closeness in meaning to the question.
- `compose`: answers composed by the language model.
- `listing`, `respondents`, `verdicts`, `scope`: set questions ("which states …"): the documents in scope, every
  reply judged (by cues, or by the model with checked quotes), one item per respondent; `recognition`: the set
  questions no set cue recognises ("besides X, who…", "who, in the report on …, stresses…", by meaning).
- `positions`, `mentions`, `replies`: yes/no on one named respondent: its stance on a resolution, whether its reply
  mentions something, whether it replied.
- `citations`: checking the model's [n] markers and locating quotes.
- `records`: what every way of answering shares (the run, citations, the Answer).
"""
