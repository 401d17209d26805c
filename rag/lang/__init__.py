"""Language knowledge of the six UN languages. The words themselves are data in `data/` (one file per language
and kind); the modules compile and look them up.

- `names`: States and organizations in six languages (data/names.json, built by scripts/build_names.py).
- `persons`: people named in the reports, matched from Latin or Cyrillic spellings (data/transliteration.tsv).
- `glossary`: UN disarmament terminology and its Chinese renderings (data/glossary.tsv).
- `numerals`: numbers, ordinals and months written out, in the forms Chinese UN documents use.
- `amounts`: amounts written the Chinese way (2.7亿美元), glossed for other readers (data/currencies.tsv).
- `contrasts`: words that say the contrary of another, export and import (data/contrasts.tsv).
- `cues` and `intent`: question and stance cues (data/cues/<lang>.yaml) and what a question asks for.
- `phrases`: the fixed sentences answers are built from (data/phrases/<lang>.yaml).
- `stopwords`: word lists by purpose (data/<kind>/<lang>.txt).
- `lexicon`: vocabularies of report layout (language names, dates, section words, each language's layout).
- `detect`: which UN language a text is in.
"""
