"""Reading reports: files in, passages with their structure out (document, section, speaker, paragraph, span).

- `corpus`: the corpus directory and its corpus.yaml catalogue.
- `pdf`: PDF to text in the layout the parser reads.
- `layout`: which lines are running text, long paragraphs cut at sentences, footnotes.
- `parse`: headings, replies and who speaks, numbered paragraphs: a report's text into Passages.
- `align`: the paragraphs of two language versions of one document paired (by respondent, number, length).
"""
