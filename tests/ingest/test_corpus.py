"""The corpus directory: which files are read, what the catalogue adds, and each way a corpus is refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from rag.core.errors import CorpusError
from rag.core.types import Document
from rag.ingest.corpus import (
    SourceFile,
    document_id,
    load_corpus,
    make_document,
    read_catalogue,
    symbol_from_name,
    symbol_from_text,
)

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


def test_the_titles_in_other_languages_come_from_the_catalogue() -> None:
    entry = {"title_zh": "标题", "title_en": "Title", "title_fr": "Titre", "title_xx": "?", "title_ar": None}
    document = make_document("R.zh.txt", entry, None)
    assert (document.title_in("zh"), document.title_in("en"), document.title_in("fr")) == ("标题", "Title", "Titre")
    assert document.title_in("ar") is None and document.title_in("xx") is None  # none given; not a UN language
    assert Document.from_dict(json.loads(json.dumps(document.__dict__))) == document  # as the index stores it


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
        ({"A_1.txt": EN, "A_1.en.txt": EN}, "are both the 'en' version of one document"),
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


FR = "I. Introduction\n\n1. L'Australie appuie les contrôles à l'exportation.\n"


def by_file(files: list[SourceFile]) -> dict[str, Document]:
    return {f.path.name: f.document for f in files}


def test_language_versions_from_the_file_names(tmp_path: Path) -> None:
    for name, text in (("A_1.en.txt", EN), ("A_1.zh.txt", ZH), ("A_1.fr.txt", FR), ("B_2.txt", EN)):
        write(tmp_path, name, text)
    documents = by_file(load_corpus(tmp_path))
    # No entry says which comes first: the file names decide, and the first keeps the plain id.
    assert documents["A_1.en.txt"].id == "A_1" and documents["A_1.en.txt"].version_of is None
    assert (documents["A_1.fr.txt"].id, documents["A_1.fr.txt"].version_of) == ("A_1.fr", "A_1")
    assert (documents["A_1.zh.txt"].id, documents["A_1.zh.txt"].version_of) == ("A_1.zh", "A_1")
    assert {d.symbol for n, d in documents.items() if n.startswith("A_1")} == {"A/1"}  # from the name
    assert documents["B_2.txt"].version_of is None and documents["B_2.txt"].language == "en"


def test_the_catalogue_entry_is_the_first_version_and_lists_the_others(tmp_path: Path) -> None:
    for name, text in (("A_1.en.txt", EN), ("A_1.zh.txt", ZH), ("other-name.txt", FR)):
        write(tmp_path, name, text)
    write(
        tmp_path,
        "corpus.yaml",
        "documents:\n  - file: A_1.zh.txt\n    symbol: A/1\n    language: zh\n    title_zh: 标题\n"
        "    title_en: Title\n    resolution: 76/234\n    versions:\n      - file: other-name.txt\n"
        "        language: fr\n        title: Titre\n",
    )
    documents = by_file(load_corpus(tmp_path))
    zh, fr, en = documents["A_1.zh.txt"], documents["other-name.txt"], documents["A_1.en.txt"]
    assert (zh.id, zh.version_of, zh.title) == ("A_1", None, "标题")
    assert (fr.id, fr.version_of, fr.title, fr.resolution, fr.symbol) == ("other-name", "A_1", "Titre", "76/234", "A/1")
    # a file without an entry joins the document of its name, in the language its name gives
    assert (en.id, en.version_of, en.language, en.title) == ("A_1.en", "A_1", "en", "Title")
    assert {d.group for d in documents.values()} == {"A_1"}


def test_entries_with_one_symbol_are_versions_and_other_symbols_are_not(tmp_path: Path) -> None:
    for name, text in (("x.txt", ZH), ("y.txt", EN), ("A_1.fr.txt", FR), ("A_1.en.txt", EN)):
        write(tmp_path, name, text)
    write(
        tmp_path,
        "corpus.yaml",
        "documents:\n  - file: x.txt\n    symbol: A/9\n  - file: y.txt\n    symbol: A/9\n"
        "  - file: A_1.fr.txt\n    symbol: A/1\n  - file: A_1.en.txt\n    symbol: A/2\n",
    )
    documents = by_file(load_corpus(tmp_path))
    assert (documents["x.txt"].language, documents["y.txt"].language) == ("zh", "en")  # from the text
    assert documents["y.txt"].version_of == "x"
    assert documents["A_1.en.txt"].version_of is None  # the same name, but the catalogue says another symbol
    assert documents["A_1.en.txt"].id == "A_1.en" and documents["A_1.fr.txt"].id == "A_1"


def test_symbols_from_file_names_and_page_headers() -> None:
    assert symbol_from_name("A_77_96.en.txt") == "A/77/96"
    assert symbol_from_name("A_CONF.229_2017_8.txt") == "A/CONF.229/2017/8"
    assert symbol_from_name("advisory_board_2020.zh.txt") is None
    assert symbol_from_text(" A/77/96 \n\ntext\n\n A/77/96 \n\n 22-08575 \n") == "A/77/96"
    assert symbol_from_text(" A/77/96 \n\ntext\n") is None  # once is not a page header


def test_a_malformed_versions_list_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "A_1.en.txt", EN)
    write(tmp_path, "corpus.yaml", "documents:\n  - file: A_1.en.txt\n    versions: [A_1.fr.txt]\n")
    with pytest.raises(CorpusError, match=r"'versions' of A_1\.en\.txt must be a list of mappings"):
        load_corpus(tmp_path)
