"""The corpus directory: which files are read, what the catalogue adds, and each way a corpus is refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rag.core.errors import CorpusError
from rag.ingest.corpus import document_id, load_corpus, make_document, read_catalogue

ZH = "一、导言\n\n1. 中国支持出口管制。\n"
EN = "I. Introduction\n\n1. Australia supports export controls.\n"


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_document_ids_come_from_the_file_name() -> None:
    assert document_id("A_77_96.zh.txt") == "A_77_96"
    assert document_id("report.pdf") == "report"


def test_language_from_the_catalogue_then_the_file_name_then_the_text() -> None:
    assert make_document("A_1.fr.txt", {"language": "es"}, "zh").language == "es"
    assert make_document("A_1.fr.txt", {}, "zh").language == "fr"
    assert make_document("A_1.txt", {}, "zh").language == "zh"
    assert make_document("A_1.txt", {}, None).language == "und"


def test_catalogue_fields_and_the_title_in_the_document_language() -> None:
    entry = {"symbol": "A/77/96", "title_zh": "标题", "title_en": "Title", "resolution": "76/234", "session": "77"}
    document = make_document("A_77_96.zh.txt", entry, None)
    assert (document.symbol, document.title, document.title_en) == ("A/77/96", "标题", "Title")
    assert (document.resolution, document.session) == ("76/234", 77)
    assert make_document("A_77_96.fr.txt", entry, None).title == "Title"


def test_load_corpus_reads_supported_files_in_order(tmp_path: Path) -> None:
    write(tmp_path, "B_2.en.txt", EN.replace("\n", "\r\n"))
    zh = write(tmp_path, "A_1.txt", "\ufeff" + ZH)
    write(tmp_path, "notes.md", "not a report")
    (tmp_path / "sub.txt").mkdir()
    files = load_corpus(tmp_path)
    assert [f.path.name for f in files] == ["A_1.txt", "B_2.en.txt"]
    first, second = files
    assert first.text == ZH and first.document.language == "zh"  # BOM dropped, language from the text
    assert first.sha256 == hashlib.sha256(zh.read_bytes()).hexdigest()
    assert "\r" not in second.text and second.document.language == "en"


def test_the_catalogue_is_read_and_checked(tmp_path: Path) -> None:
    write(tmp_path, "A_1.en.txt", EN)
    write(tmp_path, "corpus.yaml", "documents:\n  - file: A_1.en.txt\n    symbol: A/1\n")
    assert read_catalogue(tmp_path)["A_1.en.txt"]["symbol"] == "A/1"
    assert load_corpus(tmp_path)[0].document.symbol == "A/1"
    write(tmp_path, "corpus.yaml", "documents:\n  - file: A_1.en.txt\n  - file: gone.txt\n")
    with pytest.raises(CorpusError, match=r"lists files that are not in .*gone\.txt"):
        load_corpus(tmp_path)
    write(tmp_path, "corpus.yaml", "documents: [1, 2]\n")
    with pytest.raises(CorpusError, match="must be a list of mappings"):
        read_catalogue(tmp_path)
    write(tmp_path, "corpus.yaml", "documents: [\n")
    with pytest.raises(CorpusError, match="not valid YAML"):
        read_catalogue(tmp_path)


@pytest.mark.parametrize(
    ("files", "fragment"),
    [
        ({"A_1.en.txt": b"\xff\xfe not utf-8"}, "is not UTF-8 text"),
        ({"A_1.en.txt": "  \n\n"}, "holds no text"),
        ({"A_1.en.txt": EN, "A_1.zh.txt": ZH}, "give the same document id 'A_1'"),
        ({"readme.md": "no reports"}, "no .txt or .pdf files"),
    ],
)
def test_bad_corpora_are_refused(tmp_path: Path, files: dict[str, str | bytes], fragment: str) -> None:
    for name, text in files.items():
        write(tmp_path, name, text)
    with pytest.raises(CorpusError, match=fragment):
        load_corpus(tmp_path)


def test_a_missing_directory_says_which_setting(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist") as info:
        load_corpus(tmp_path / "absent")
    assert "RAG_CORPUS_DIR" in (info.value.hint or "")
