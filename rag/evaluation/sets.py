"""The question sets `rag eval` runs: the development sets, the conversation set and the two held-out sets by
default, each reported apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rag.core.errors import ConfigError
from rag.core.settings import REPO_ROOT

EVAL_DIR = REPO_ROOT / "eval"
# What `rag eval retrieval` and `rag eval answers` run without --gold: develop on all but the last two, report on those.
DEFAULT_GOLD_FILES: tuple[Path, ...] = (
    EVAL_DIR / "gold.jsonl",
    EVAL_DIR / "dev.jsonl",
    EVAL_DIR / "dev2.jsonl",
    EVAL_DIR / "dev3.jsonl",
    EVAL_DIR / "dev4.jsonl",
    EVAL_DIR / "dev5.jsonl",
    EVAL_DIR / "dev6.jsonl",
    EVAL_DIR / "dev7.jsonl",
    EVAL_DIR / "dev8.jsonl",
    EVAL_DIR / "dev9.jsonl",
    EVAL_DIR / "dev10.jsonl",
    EVAL_DIR / "dev11.jsonl",
    EVAL_DIR / "dev12.jsonl",
    EVAL_DIR / "dev13.jsonl",
    EVAL_DIR / "dev14.jsonl",
    EVAL_DIR / "dev15.jsonl",
    EVAL_DIR / "dev16.jsonl",
    EVAL_DIR / "dev17.jsonl",
    EVAL_DIR / "dev18.jsonl",
    EVAL_DIR / "dev19.jsonl",
    EVAL_DIR / "dev20.jsonl",
    EVAL_DIR / "dev21.jsonl",
    EVAL_DIR / "dev22.jsonl",
    EVAL_DIR / "dev23.jsonl",
    EVAL_DIR / "dev24.jsonl",
    EVAL_DIR / "dev25.jsonl",
    EVAL_DIR / "dev26.jsonl",
    EVAL_DIR / "dev27.jsonl",
    EVAL_DIR / "dev28.jsonl",
    EVAL_DIR / "dev29.jsonl",
    EVAL_DIR / "dev30.jsonl",
    EVAL_DIR / "dev31.jsonl",
    EVAL_DIR / "dev32.jsonl",
    EVAL_DIR / "dev33.jsonl",
    EVAL_DIR / "dev34.jsonl",
    EVAL_DIR / "dev35.jsonl",
    EVAL_DIR / "dev36.jsonl",
    EVAL_DIR / "dev37.jsonl",
    EVAL_DIR / "dev38.jsonl",
    EVAL_DIR / "dev39.jsonl",
    EVAL_DIR / "dev40.jsonl",
    EVAL_DIR / "dev41.jsonl",
    EVAL_DIR / "dev42.jsonl",
    EVAL_DIR / "dev43.jsonl",
    EVAL_DIR / "dev44.jsonl",
    EVAL_DIR / "dev45.jsonl",
    EVAL_DIR / "dev46.jsonl",
    EVAL_DIR / "dev47.jsonl",
    EVAL_DIR / "dev48.jsonl",
    EVAL_DIR / "dev49.jsonl",
    EVAL_DIR / "dev50.jsonl",
    EVAL_DIR / "conv1.jsonl",
    EVAL_DIR / "conv2.jsonl",
    EVAL_DIR / "conv3.jsonl",
    EVAL_DIR / "heldout.jsonl",
    EVAL_DIR / "heldout_conv.jsonl",
)
# What the heading of a known file calls it; any other file is named by its file name alone.
ROLES = {
    "gold": "development set",
    "dev": "second development set",
    "dev2": "third development set",
    "dev3": "fourth development set",
    "dev4": "fifth development set",
    "dev5": "sixth development set",
    "dev6": "seventh development set",
    "dev7": "eighth development set",
    "dev8": "ninth development set",
    "dev9": "tenth development set",
    "dev10": "eleventh development set",
    "dev11": "twelfth development set",
    "dev12": "thirteenth development set",
    "dev13": "fourteenth development set",
    "dev14": "fifteenth development set",
    "dev15": "sixteenth development set",
    "dev16": "seventeenth development set",
    "dev17": "eighteenth development set",
    "dev18": "nineteenth development set",
    "dev19": "twentieth development set",
    "dev20": "twenty-first development set",
    "dev21": "twenty-second development set",
    "dev22": "twenty-third development set",
    "dev23": "twenty-fourth development set",
    "dev24": "twenty-fifth development set",
    "dev25": "twenty-sixth development set",
    "dev26": "twenty-seventh development set",
    "dev27": "twenty-eighth development set",
    "dev28": "twenty-ninth development set",
    "dev29": "thirtieth development set",
    "dev30": "thirty-first development set",
    "dev31": "thirty-second development set",
    "dev32": "thirty-third development set",
    "dev33": "thirty-fourth development set",
    "dev34": "thirty-fifth development set",
    "dev35": "thirty-sixth development set",
    "dev36": "thirty-seventh development set",
    "dev37": "thirty-eighth development set",
    "dev38": "thirty-ninth development set",
    "dev39": "fortieth development set",
    "dev40": "forty-first development set",
    "dev41": "forty-second development set",
    "dev42": "forty-third development set",
    "dev43": "forty-fourth development set",
    "dev44": "forty-fifth development set",
    "dev45": "forty-sixth development set",
    "dev46": "forty-seventh development set",
    "dev47": "forty-eighth development set",
    "dev48": "forty-ninth development set",
    "dev49": "fiftieth development set",
    "dev50": "fifty-first development set",
    "conv1": "conversation set",
    "conv2": "second conversation set",
    "conv3": "third conversation set",
    "heldout": "held-out set",
    "heldout_conv": "held-out conversation set",
}


@dataclass(frozen=True)
class EvalSet:
    """One question file: its name (the file name up to the first dot) names its heading and its report."""

    name: str
    path: Path

    @property
    def heading(self) -> str:
        role = ROLES.get(self.name)
        return f"== {self.name}: {role} ({self.path}) ==" if role else f"== {self.name} ({self.path}) =="


def gold_sets(paths: Sequence[str | Path] | None) -> list[EvalSet]:
    """The sets to run: the given files in order, or both default sets; two files may not share a name,
    as each set's report is named after it."""
    chosen = [Path(p) for p in paths] if paths else list(DEFAULT_GOLD_FILES)
    sets = [EvalSet(path.name.split(".", 1)[0], path) for path in chosen]
    names = [s.name for s in sets]
    if len(set(names)) != len(names):
        raise ConfigError(
            f"two question files share a name: {', '.join(str(s.path) for s in sets)}",
            "each set's report is named after its file; rename one, or run them one at a time",
        )
    return sets


def report_path(out: str | None, default: Path, gold: EvalSet, several: bool) -> Path:
    """Where a set's JSON report goes. Without --out: `<default stem>-<set>.json` (e.g.
    eval/reports/retrieval-lexical-heldout.json). With --out and one set: that file; with several,
    the set's name is added to its stem (answers.json -> answers-gold.json, answers-heldout.json)."""
    if out is None:
        return default.with_name(f"{default.stem}-{gold.name}{default.suffix}")
    path = Path(out)
    return path.with_name(f"{path.stem}-{gold.name}{path.suffix or '.json'}") if several else path
