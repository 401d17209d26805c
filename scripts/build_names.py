#!/usr/bin/env python3
"""Build rag/lang/data/names.json: UN Member States, observer States and organizations in the six UN languages.

Sources, merged in this order for each entity and language (duplicates dropped):
1. the hand-written table scripts/data/names.tsv: for States the UN official short name and formal name (UNTERM / the UN
   Protocol list of Member States, current as of 2024: Czechia, Eswatini, North Macedonia, Türkiye,
   Netherlands (Kingdom of the)), then common variants; for organizations the UN name, then acronyms;
2. Unicode CLDR territory names, via Babel (States only).

Run: python3 scripts/build_names.py  (writes the JSON; fails loudly if one name would denote two entities).

Ambiguity: "Congo" is the UN short name of the Republic of the Congo (COG) in en/fr/es/ru/ar and 刚果 in zh,
so it maps to COG; the Democratic Republic of the Congo is always written out. "Korea" and its translations
name neither Korean State: they are blocked in rag/lang/names.py rather than listed here.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_cldr_version, get_global

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from rag.lang.names import LANGS, Entity, NameTable, normalize_name  # noqa: E402

OUT = ROOT / "rag" / "lang" / "data" / "names.json"

TABLE = ROOT / "scripts" / "data" / "names.tsv"
OBSERVERS = frozenset({"VAT", "PSE"})


def read_table(path: Path = TABLE) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """The hand-written rows of `path`: States as (alpha-3, alpha-2, zh, en, fr, es, ru, ar) and
    organizations as (id, zh, en, fr, es, ru, ar), in file order. Lines starting with "#" are comments."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header, *rows = (line.split("\t") for line in lines)
    if header != ["kind", "id", "iso2", *LANGS]:
        raise SystemExit(f"{path}: unexpected header {header}")
    states: list[tuple[str, ...]] = []
    organizations: list[tuple[str, ...]] = []
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise SystemExit(f"{path}: row {number} has {len(row)} fields, not {len(header)}")
        kind, entity_id, iso2, *names = row
        if kind == "state":
            states.append((entity_id, iso2, *names))
        elif kind == "organization" and not iso2:
            organizations.append((entity_id, *names))
        else:
            raise SystemExit(f"{path}: row {number}: kind {kind!r} with iso2 {iso2!r}")
    return tuple(states), tuple(organizations)


STATES, ORGANIZATIONS = read_table()

# CLDR names left out, as normalised keys: they would name two entities, or name something else.
CLDR_SKIP = frozenset(
    {
        "palestinian territories",
        "territoires palestiniens",
        "territorios palestinos",
        "палестинские территории",
        "الاراضي الفلسطينيه",
        "巴勒斯坦领土",
    }
)


def _split(field: str) -> list[str]:
    parts = [p.strip() for p in field.split("|")]
    if len(parts) > 1 and parts[1] == "=":
        parts[1] = parts[0]
    return parts


def _merge(*groups: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[tuple[str, bool]] = set()
    for group in groups:
        for name in group:
            # An acronym and its capitalised form are both kept: INTERPOL is found upper-case only, Interpol as written.
            key = normalize_name(name)
            if name and (key, name.isupper()) not in seen and key not in CLDR_SKIP:
                seen.add((key, name.isupper()))
                out.append(name)
    return tuple(out)


def _british(name: str) -> str:
    return re.sub(r"(?<=[a-z])iz(?=ation|e\b|ed\b)", "is", name)


def build() -> dict[str, object]:
    aliases = get_global("territory_aliases")
    cldr = {lang: Locale.parse(lang).territories for lang in LANGS}
    entities: list[Entity] = []
    for iso3, iso2, *fields in STATES:
        if aliases.get(iso3) not in (None, [iso2]):
            raise SystemExit(f"{iso3}: CLDR maps it to {aliases.get(iso3)}, not {iso2}")
        by_lang = zip(LANGS, fields, strict=True)
        names = {lang: _merge(_split(f), [cldr[lang].get(iso2, "")]) for lang, f in by_lang}
        entities.append(Entity(iso3, "state", names))
    for oid, *fields in ORGANIZATIONS:
        by_lang = zip(LANGS, fields, strict=True)
        names = {lang: _merge(_split(f)) for lang, f in by_lang}
        # British and American spellings are both in UN use ("Organisation", "Organization").
        names["en"] = _merge(list(names["en"]), [_british(n) for n in names["en"]])
        entities.append(Entity(oid, "organization", names))

    owners: dict[str, set[str]] = {}
    for e in entities:
        for group in e.names.values():
            for name in group:
                owners.setdefault(normalize_name(name), set()).add(e.id)
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    if clashes:
        raise SystemExit(f"names that denote two entities: {clashes}")
    NameTable(entities)  # the same check as the runtime, with Russian case forms and blocked phrases

    states = [e for e in entities if e.kind == "state"]
    if len(states) != 193 + len(OBSERVERS) or not all(e.names[lang] for e in entities for lang in LANGS):
        raise SystemExit("expected 193 Member States and the observers, each named in all six languages")
    return {
        "source": (
            "UN Member States (193), observer States (Holy See, State of Palestine) and "
            f"{len(ORGANIZATIONS)} international organizations, named in zh/en/fr/es/ru/ar. In each "
            "language the first name is the UN official short name, then the formal name (once only where "
            "the two are the same), then variants. "
            "States: UN official short and formal names hand-written from UNTERM and the UN Protocol list "
            f"of Member States, merged with Unicode CLDR {get_cldr_version()} territory names via Babel "
            f"{babel.__version__}. Organizations: UN names and acronyms hand-written from UNTERM. "
            "Generated by scripts/build_names.py."
        ),
        "entities": [
            {"id": e.id, "kind": e.kind, "names": {lang: list(e.names[lang]) for lang in LANGS}}
            for e in sorted(entities, key=lambda e: e.id)
        ],
    }


def render(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"  # key order fixed by build()


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(render(data), encoding="utf-8")
    entities = data["entities"]
    assert isinstance(entities, list)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(entities)} entities")


if __name__ == "__main__":
    main()
