"""Validate a question set (eval/gold.jsonl, eval/heldout.jsonl) against the corpus.

Checks: required fields and their types, id uniqueness, the language x type mix agreed for the file
(`MIXES`, keyed by file name), and that every evidence item is found in the normalised text of its
document (see `normalise_document`).

Usage:  python eval/check_gold.py [--gold eval/gold.jsonl|eval/heldout.jsonl] [--corpus corpus] [--no-mix]
Prints a count table (language x type) and exits 1, listing every failing item, if anything is wrong.
Standard library + PyYAML only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

FIELDS = ("id", "lang", "type", "question", "answer", "answer_items", "evidence", "doc")
# A question asked in a conversation carries the questions asked before it, in order (at most HISTORY_MAX).
OPTIONAL_FIELDS = ("history",)
HISTORY_MAX = 4
LANGS = ("zh", "en", "fr", "es", "ru", "ar")
TYPES = ("factoid", "list", "yesno", "unanswerable")
# An id is <lang>-<nnn> (the first development set) or <lang>-<tag><nnn>: a letter per other set (two once the
# letters ran out), h for held-out, cv for the development conversations, ch for the held-out ones.
ID_RE = re.compile(r"^(zh|en|fr|es|ru|ar)-(cv|ch|[abcdefghjkmnpqrstuvwxyz]{0,2})\d{3}$")


@dataclass(frozen=True)
class Mix:
    """The agreed make-up of one question file: its size per language, each type's share per language (with
    tolerance: every type present in every language) and the tag its ids carry after the language."""

    lang_counts: dict[str, int]
    type_shares: dict[str, tuple[float, float]]
    id_tag: str = ""


# Type shares of the development set; the held-out set, written separately, needs slightly wider bands.
TYPE_SHARE_RANGES = {
    "factoid": (0.45, 0.65),
    "list": (0.10, 0.25),
    "yesno": (0.10, 0.25),
    "unanswerable": (0.08, 0.18),
}
# The mix of each file, keyed by file name; a change here is a change of that set, say so in the README.
MIXES = {
    "gold.jsonl": Mix({"zh": 40, "en": 28, "fr": 16, "es": 16, "ru": 10}, TYPE_SHARE_RANGES),
    "heldout.jsonl": Mix(
        {"zh": 25, "en": 25, "fr": 15, "es": 15, "ru": 15, "ar": 15},
        TYPE_SHARE_RANGES | {"list": (0.10, 0.27), "unanswerable": (0.08, 0.20)},  # es: 4/15 lists, ru: 3/15 unans.
        id_tag="h",
    ),
    "dev.jsonl": Mix(
        {"zh": 20, "en": 20, "fr": 12, "es": 12, "ru": 13, "ar": 13},
        # fr, es: 5 factoids in 12.
        TYPE_SHARE_RANGES | {"factoid": (0.40, 0.65), "list": (0.10, 0.27), "unanswerable": (0.08, 0.20)},
        id_tag="d",
    ),
    # The third development set aims at what the others measure least: respondent sets and near misses.
    "dev2.jsonl": Mix(
        {"zh": 14, "en": 14, "fr": 9, "es": 9, "ru": 10, "ar": 10},
        {"factoid": (0.0, 0.2), "list": (0.45, 0.6), "yesno": (0.0, 0.15), "unanswerable": (0.25, 0.35)},
        id_tag="e",
    ),
    # The fourth: near misses beside answerable look-alikes, sets, and factoids in everyday words.
    "dev3.jsonl": Mix(
        {"zh": 12, "en": 16, "fr": 14, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.45), "list": (0.25, 0.45), "yesno": (0.0, 0.15), "unanswerable": (0.25, 0.40)},
        id_tag="f",
    ),
    # The fifth: respondent sets of many kinds, and set questions the documents do not answer.
    "dev4.jsonl": Mix(
        {"zh": 10, "en": 12, "fr": 8, "es": 8, "ru": 8, "ar": 8},
        {"factoid": (0.0, 0.1), "list": (0.7, 0.9), "yesno": (0.0, 0.1), "unanswerable": (0.1, 0.3)},
        id_tag="g",
    ),
    # The sixth: respondent sets asked in many forms, beside look-alikes that are not sets.
    "dev5.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.3), "list": (0.5, 0.7), "yesno": (0.0, 0.15), "unanswerable": (0.1, 0.25)},
        id_tag="j",
    ),
    # The seventh: the held-out set's kinds in everyday words, written after stop 19's rules.
    "dev6.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.3, 0.5), "list": (0.25, 0.4), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="k",
    ),
    # The eighth: the same kinds and mix, written after stop 20's rules.
    "dev7.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.3, 0.5), "list": (0.25, 0.4), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="m",
    ),
    # The ninth: the same languages, more lists (respondents and other items), written after stop 21's rules.
    "dev8.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.25, 0.4), "list": (0.35, 0.45), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="n",
    ),
    # The tenth: more respondent sets and near misses (the held-out set's weakest kinds), after stop 22's rules.
    "dev9.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.25, 0.35), "list": (0.35, 0.45), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="p",
    ),
    # The eleventh: four respondent sets per language (claims about the respondents themselves among them), after
    # stop 23's rules.
    "dev10.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="q",
    ),
    # The twelfth: the same mix, after stop 24's rules.
    "dev11.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="r",
    ),
    # The thirteenth: the same mix, after stop 25's rules.
    "dev12.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="s",
    ),
    # The fourteenth: the same mix, written during stop 26, after its first changes.
    "dev13.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="t",
    ),
    # The fifteenth: the same mix, written at the start of stop 27.
    "dev14.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="u",
    ),
    # The sixteenth: the same mix, written during stop 27 and asked to leave the facts earlier sets used.
    "dev15.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="v",
    ),
    # The seventeenth: the same mix, written during stop 28, asked to leave the facts earlier sets used and to read
    # deeper into the replies.
    "dev16.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="w",
    ),
    # The eighteenth: the same mix, written at the start of stop 29, asked to leave the facts of every earlier set.
    "dev17.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="x",
    ),
    # The nineteenth: the same mix, written at the start of stop 30, asked to leave the facts of every earlier set.
    "dev18.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="y",
    ),
    # The twentieth: the same mix, written at the start of stop 31, asked to leave the facts of every earlier set.
    "dev19.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="z",
    ),
    # The twenty-first: the same mix, written at the start of stop 32, asked to leave the facts of every earlier set.
    "dev20.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="b",
    ),
    # The twenty-second: the same mix, written at the start of stop 33, asked to leave the facts of every earlier set.
    "dev21.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="c",
    ),
    # The twenty-third: the same mix, written at the start of stop 34 by two more writers who had not seen the code.
    "dev22.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="a",
    ),
    # The twenty-fourth: the same mix, written at the start of stop 35 by two more writers who had not seen the code.
    "dev23.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="da",
    ),
    # The twenty-fifth: the same mix, written at the start of stop 36 by two more writers who had not seen the code.
    "dev24.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="db",
    ),
    # The twenty-sixth: the same mix, written at the start of stop 37 by two more writers who had not seen the code.
    "dev25.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="dc",
    ),
    # The twenty-seventh: the same mix, written at the start of stop 38 by two more writers who had not seen the code.
    "dev26.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="dd",
    ),
    # The twenty-eighth: the same mix, written at the start of stop 39 by two more writers who had not seen the code.
    "dev27.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.15, 0.25), "list": (0.45, 0.55), "yesno": (0.05, 0.15), "unanswerable": (0.15, 0.25)},
        id_tag="de",
    ),
    # The twenty-ninth: more respondent sets and unanswerable questions, written at the start of stop 40.
    "dev28.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="df",
    ),
    # The thirtieth: the same mix as the twenty-ninth, written at the start of stop 41.
    "dev29.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dg",
    ),
    # The thirty-first: the same mix again, written at the start of stop 42.
    "dev30.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dh",
    ),
    # The thirty-second: the same mix again, written later in stop 42, asked to spread over the reports.
    "dev31.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dj",
    ),
    # The thirty-third: the same mix again, written at the start of stop 43.
    "dev32.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dk",
    ),
    # The thirty-fourth: the same mix again, written at the start of stop 44.
    "dev33.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dm",
    ),
    # The thirty-fifth: the same mix again, written at the start of stop 45.
    "dev34.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dn",
    ),
    # The thirty-sixth: the same mix again, written at the start of stop 46.
    "dev35.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dp",
    ),
    # The thirty-seventh: the same mix again, written at the start of stop 47.
    "dev36.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dq",
    ),
    # The thirty-eighth: the same mix again, written at the start of stop 48.
    "dev37.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dr",
    ),
    # The thirty-ninth: the same mix again, written at the start of stop 49.
    "dev38.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="ds",
    ),
    # The fortieth: the same mix again, written at the start of stop 50.
    "dev39.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dt",
    ),
    # The forty-first: the same mix again, written at the start of stop 51.
    "dev40.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="du",
    ),
    # The forty-second: the same mix again, written at the start of stop 52.
    "dev41.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dv",
    ),
    # The forty-third: the same mix again, written at the start of stop 53.
    "dev42.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dw",
    ),
    # The forty-fourth: the same mix again, written at the start of stop 54.
    "dev43.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dx",
    ),
    # The forty-fifth: the same mix again, written at the start of stop 55.
    "dev44.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dy",
    ),
    # The forty-sixth: the same mix again, written at the start of stop 56.
    "dev45.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="dz",
    ),
    # The forty-seventh: the same mix again, written at the start of stop 57.
    "dev46.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="ea",
    ),
    # The forty-eighth: the same mix again, written at the start of stop 58.
    "dev47.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="eb",
    ),
    # The forty-ninth: the same mix again, written at the start of stop 59.
    "dev48.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="ec",
    ),
    # The fiftieth: the same mix again, written at the start of stop 60.
    "dev49.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="ed",
    ),
    # The fifty-first: the same mix again, written at the start of stop 61.
    "dev50.jsonl": Mix(
        {"zh": 10, "en": 10, "fr": 10, "es": 10, "ru": 10, "ar": 10},
        {"factoid": (0.1, 0.2), "list": (0.45, 0.55), "yesno": (0.0, 0.1), "unanswerable": (0.25, 0.35)},
        id_tag="ee",
    ),
    # The first conversation set: every question is asked after the questions in its history (stop 34).
    "conv1.jsonl": Mix(
        {"zh": 6, "en": 6, "fr": 6, "es": 6, "ru": 6, "ar": 6},
        {"factoid": (0.15, 0.55), "list": (0.15, 0.55), "yesno": (0.0, 0.35), "unanswerable": (0.15, 0.35)},
        id_tag="cv",
    ),
    # The second conversation set, the same mix, written in stop 45 by two writers who had not seen the code.
    "conv2.jsonl": Mix(
        {"zh": 6, "en": 6, "fr": 6, "es": 6, "ru": 6, "ar": 6},
        {"factoid": (0.15, 0.55), "list": (0.15, 0.55), "yesno": (0.0, 0.35), "unanswerable": (0.15, 0.35)},
        id_tag="cw",
    ),
    # The third conversation set, the same mix, written at the start of stop 47 by two writers without the code.
    "conv3.jsonl": Mix(
        {"zh": 6, "en": 6, "fr": 6, "es": 6, "ru": 6, "ar": 6},
        {"factoid": (0.15, 0.55), "list": (0.15, 0.55), "yesno": (0.0, 0.35), "unanswerable": (0.15, 0.35)},
        id_tag="cx",
    ),
    # The held-out conversations, the same mix, written at the start of stop 35 by two writers who had not seen the
    # code: reported, never developed on.
    "heldout_conv.jsonl": Mix(
        {"zh": 6, "en": 6, "fr": 6, "es": 6, "ru": 6, "ar": 6},
        {"factoid": (0.15, 0.55), "list": (0.15, 0.55), "yesno": (0.0, 0.35), "unanswerable": (0.15, 0.35)},
        id_tag="ch",
    ),
}

# --- normalisation of the document text ---------------------------------------------------------

URL_LINE = re.compile(r"^\s*(https?://|www\.)\S*\s*$")
# A page header: a line that is only a document symbol, e.g. " A/77/96 ".
SYMBOL_LINE = re.compile(r"^\s*[A-Z]{1,3}(/[A-Z0-9.()\-]+)+\s*$")
# A page footer: page numbers and/or job numbers only, e.g. "5/15 22-08575", "22-09134 48/68".
PAGE_LINE = re.compile(r"^\s*(\d{1,3}/\d{1,3}|\d{2}-\d{5})(\s+(\d{1,3}/\d{1,3}|\d{2}-\d{5}))*\s*$")
FOOTNOTE_RULE = re.compile(r"^\s*_{4,}\s*$")
FOOTNOTE_START = re.compile(r"^\s*\d{1,3}\s+\S")
ORIGINAL_LINE = re.compile(r"^\s*\[原件")
SECTION_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+\s*[.．]|[A-Z]\s*[.．]|[㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩]|\(\w\)\s)")
WS = re.compile(r"\s+")


def _is_heading(lines: list[str], i: int) -> bool:
    """A heading: a section number line, or a respondent name followed by "[原件：...]"."""
    line = lines[i]
    if SECTION_HEADING.match(line):
        return True
    for nxt in lines[i + 1 :]:
        if nxt.strip():
            return bool(ORIGINAL_LINE.match(nxt)) and len(line.strip()) <= 40
    return False


def normalise_lines(text: str) -> list[str]:
    """The document's lines without URL-only lines, page headers/footers and footnote blocks."""
    lines = text.splitlines()
    kept: list[str] = []
    in_footnotes = False
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if URL_LINE.match(line):
            in_footnotes = False
            continue
        if SYMBOL_LINE.match(line) or PAGE_LINE.match(line):
            continue
        if FOOTNOTE_RULE.match(line):
            in_footnotes = True
            continue
        if in_footnotes:
            if FOOTNOTE_START.match(line):
                continue  # a footnote: " 12 见 Wilton Park, ..."
            if not line[:1].isspace() and not _is_heading(lines, i):
                continue  # continuation line of a footnote (no leading space)
            in_footnotes = False  # a new paragraph (leading space) or a heading ends the block
        kept.append(line)
    return kept


def normalise_document(text: str) -> str:
    """Passage text as evidence is compared with: cleaned lines, then every whitespace removed."""
    return WS.sub("", "".join(normalise_lines(text)))


def squeeze(text: str) -> str:
    return WS.sub("", text)


def load_documents(corpus_dir: Path) -> dict[str, str]:
    """Document id (file name up to the first dot) -> normalised text, for the catalogue's files."""
    catalogue = yaml.safe_load((corpus_dir / "corpus.yaml").read_text(encoding="utf-8"))
    docs: dict[str, str] = {}
    for entry in catalogue["documents"]:
        path = corpus_dir / entry["file"]
        doc_id = path.name.split(".", 1)[0]
        docs[doc_id] = normalise_document(path.read_text(encoding="utf-8"))
    return docs


# --- validation ---------------------------------------------------------------------------------


def id_errors(item: dict, id_tag: str | None) -> list[str]:
    id_match = ID_RE.match(item["id"]) if isinstance(item["id"], str) else None
    if not id_match:
        return [f"bad id {item['id']!r}"]
    if not item["id"].startswith(item["lang"] + "-"):
        return ["id prefix does not match lang"]
    if id_tag is not None and id_match.group(2) != id_tag:
        return [f"ids in this file are <lang>-{id_tag}<nnn>, not {item['id']!r}"]
    return []


def kind_errors(kind: str, items: list, evidence: list, doc: object) -> list[str]:
    """What the question's type demands of its answer_items, evidence and doc."""
    errors: list[str] = []
    if kind == "unanswerable":
        if evidence:
            errors.append("unanswerable items carry no evidence")
        if items:
            errors.append("unanswerable items carry no answer_items")
        if doc is not None:
            errors.append("unanswerable items have doc null")
    else:
        if not evidence:
            errors.append("answerable items need at least one evidence sentence")
        if doc is None:
            errors.append("answerable items name their document(s)")
    if kind == "list":
        if len(items) < 2:
            errors.append("list items need at least two answer_items")
        if len(evidence) < len(items):
            errors.append(f"list item: {len(evidence)} evidence for {len(items)} answer_items")
        if len(set(items)) != len(items):
            errors.append("duplicate answer_items")
    elif items:
        errors.append("answer_items is only for list questions")
    return errors


def check_item(item: dict, docs: dict[str, str], id_tag: str | None = None) -> list[str]:
    """The problems of one question; id_tag, when given, is the tag every id of its file carries."""
    errors: list[str] = []
    missing = [f for f in FIELDS if f not in item]
    extra = [f for f in item if f not in FIELDS + OPTIONAL_FIELDS]
    if missing:
        errors.append(f"missing fields {missing}")
    if extra:
        errors.append(f"unknown fields {extra}")
    if missing:
        return errors
    errors += id_errors(item, id_tag)
    if item["lang"] not in LANGS:
        errors.append(f"bad lang {item['lang']!r}")
    if item["type"] not in TYPES:
        errors.append(f"bad type {item['type']!r}")
    for f in ("question", "answer"):
        if not isinstance(item[f], str) or not item[f].strip():
            errors.append(f"{f} must be a non-empty string")
    if "history" in item:
        history = item["history"]
        if not isinstance(history, list) or not all(isinstance(x, str) and x.strip() for x in history):
            errors.append("history must be a list of non-empty strings (the questions asked before, in order)")
        elif not 1 <= len(history) <= HISTORY_MAX:
            errors.append(f"history holds 1 to {HISTORY_MAX} earlier questions, not {len(history)}")
    items, evidence, doc = item["answer_items"], item["evidence"], item["doc"]
    if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
        errors.append("answer_items must be a list of non-empty strings")
        items = []
    if not isinstance(evidence, list) or not all(isinstance(x, str) and x.strip() for x in evidence):
        errors.append("evidence must be a list of non-empty strings")
        evidence = []
    if doc is None:
        doc_ids = list(docs)
    elif isinstance(doc, str):
        doc_ids = [doc]
    elif isinstance(doc, list) and doc and all(isinstance(d, str) for d in doc):
        doc_ids = doc
    else:
        errors.append(f"doc must be a document id, a list of ids or null, not {doc!r}")
        doc_ids = []
    unknown = [d for d in doc_ids if d not in docs]
    if unknown:
        errors.append(f"unknown document ids {unknown}")
        doc_ids = [d for d in doc_ids if d in docs]

    errors += kind_errors(item["type"], items, evidence, doc)
    for ev in evidence:
        needle = squeeze(ev)
        if not any(needle in docs[d] for d in doc_ids):
            where = doc_ids[0] if len(doc_ids) == 1 else doc_ids
            errors.append(f"evidence not found in {where}: {ev[:60]!r}")
        if len(needle) > 220:
            errors.append(f"evidence longer than a sentence ({len(needle)} chars): {ev[:40]!r}")
    return errors


def mix_errors(mix: Mix, counts: Counter, per_lang: Counter) -> list[str]:
    errors = [f"{lang}: {n} questions, expected none" for lang, n in per_lang.items() if lang not in mix.lang_counts]
    for lang, expected in mix.lang_counts.items():
        if per_lang[lang] != expected:
            errors.append(f"{lang}: {per_lang[lang]} questions, expected {expected}")
        for kind, (lo, hi) in mix.type_shares.items():
            share = counts[(lang, kind)] / per_lang[lang] if per_lang[lang] else 0.0
            if not lo <= share <= hi:
                errors.append(f"{lang}/{kind}: share {share:.0%} outside {lo:.0%}-{hi:.0%}")
    return errors


def print_table(counts: Counter, per_lang: Counter, per_doc: Counter) -> None:
    header = f"{'lang':<6}" + "".join(f"{t:>14}" for t in TYPES) + f"{'total':>8}"
    print(header)
    print("-" * len(header))
    for lang in [lang for lang in LANGS if per_lang[lang]] + sorted(set(per_lang) - set(LANGS), key=str):
        row = "".join(f"{counts[(lang, t)]:>14}" for t in TYPES)
        print(f"{lang:<6}{row}{per_lang[lang]:>8}")
    print("-" * len(header))
    totals = "".join(f"{sum(n for (_, kind), n in counts.items() if kind == t):>14}" for t in TYPES)
    print(f"{'all':<6}{totals}{sum(per_lang.values()):>8}")
    print()
    print("questions per document (an item citing several documents counts for each):")
    for doc, n in sorted(per_doc.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {doc:<24}{n:>4}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--no-mix", action="store_true", help="skip the language/type mix check")
    args = parser.parse_args(argv)
    mix = MIXES.get(args.gold.name)
    if mix is None and not args.no_mix:
        print(f"no agreed mix for {args.gold.name} (known: {', '.join(MIXES)}); add it to MIXES or use --no-mix")
        return 1

    docs = load_documents(args.corpus)
    failures: list[str] = []
    seen: set[str] = set()
    counts: Counter = Counter()
    per_lang: Counter = Counter()
    per_doc: Counter = Counter()
    for lineno, raw in enumerate(args.gold.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            failures.append(f"line {lineno}: not JSON ({exc})")
            continue
        if not isinstance(item, dict):
            failures.append(f"line {lineno}: not a JSON object")
            continue
        label = f"line {lineno} ({item.get('id', '?')})"
        item_id = str(item.get("id"))
        if item_id in seen:
            failures.append(f"{label}: duplicate id")
        seen.add(item_id)
        for err in check_item(item, docs, mix.id_tag if mix else None):
            failures.append(f"{label}: {err}")
        counts[(item.get("lang"), item.get("type"))] += 1
        per_lang[item.get("lang")] += 1
        doc = item.get("doc")
        for d in [doc] if isinstance(doc, str) else (doc or ["(none: unanswerable)"]):
            per_doc[d] += 1

    print_table(counts, per_lang, per_doc)
    if not args.no_mix:
        failures.extend(f"mix: {err}" for err in mix_errors(mix, counts, per_lang))
    if failures:
        print(f"\nFAILED: {len(failures)} problem(s)")
        for f in failures:
            print(f"  {f}")
        return 1
    print(f"\nOK: {sum(per_lang.values())} questions, all evidence found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
