"""Build a tiny, random-init sentence-transformers model from local text, with no downloads (for tests)."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rag.indexing.dense import quiet_weight_loading
from tests.support.markers import require

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
VOCAB_SIZE = 3000
MAX_LENGTH = 512


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F


def _train_tokenizer(texts: Iterable[str]):  # -> transformers.BertTokenizerFast
    from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece
    from transformers import BertTokenizerFast  # type: ignore[attr-defined]  # an alias of BertTokenizer in v5

    def blank(model: WordPiece) -> Tokenizer:
        tok = Tokenizer(model)
        tok.normalizer = normalizers.BertNormalizer(
            clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
        )
        tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        tok.decoder = decoders.WordPiece(prefix="##")
        return tok

    # tokenizers' WordPieceTrainer breaks ties between equally frequent merges in hash-map order, so two
    # runs on the same text learn different vocabularies. Count instead: every character seen (as a word
    # start and, outside CJK, as a "##" continuation), then whole words by frequency, ties by spelling.
    counter = blank(WordPiece({"[UNK]": 0}, unk_token="[UNK]"))
    assert counter.normalizer is not None and counter.pre_tokenizer is not None
    words: Counter[str] = Counter()
    for text in texts:
        normalized = counter.normalizer.normalize_str(text)
        words.update(word for word, _ in counter.pre_tokenizer.pre_tokenize_str(normalized))
    chars = sorted({c for word in words for c in word})
    vocab_list = SPECIAL_TOKENS + chars + [f"##{c}" for c in chars if not _is_cjk(c)]
    room = max(0, VOCAB_SIZE - len(vocab_list))
    frequent = sorted((w for w in words if len(w) > 1), key=lambda w: (-words[w], w))[:room]
    vocab = {token: i for i, token in enumerate(vocab_list + sorted(frequent))}
    tok = blank(WordPiece(vocab, unk_token="[UNK]"))
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS]:0 $A:0 [SEP]:0",
        pair="[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    return BertTokenizerFast(
        tokenizer_object=tok,
        do_lower_case=True,
        tokenize_chinese_chars=True,
        unk_token="[UNK]",
        sep_token="[SEP]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        mask_token="[MASK]",
        model_max_length=MAX_LENGTH,
    )


def build_tiny_model(out_dir: Path, texts: Iterable[str], dim: int = 32, seed: int = 0) -> Path:
    """Learn a WordPiece vocabulary from `texts`, add a random 2-layer BERT of width `dim`, save to `out_dir`.

    The result is a real sentence-transformers directory (Transformer -> mean Pooling -> Normalize) that
    `SentenceTransformer(str(out_dir))` loads offline. Deterministic for a given `texts` and `seed`.
    """
    require("slow", "builds a model")
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import BertConfig, BertModel

    try:
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:  # sentence-transformers < 5.4 keeps them in `models`
        from sentence_transformers.models import Normalize, Pooling, Transformer  # type: ignore[no-redef]

    out_dir = Path(out_dir)
    tokenizer = _train_tokenizer(texts)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=dim,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=2 * dim,
        max_position_embeddings=MAX_LENGTH,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(seed)
    model = BertModel(config)
    model.eval()
    with tempfile.TemporaryDirectory() as tmp, quiet_weight_loading():
        tokenizer.save_pretrained(tmp)  # the plain transformers checkpoint the Transformer module wraps
        model.save_pretrained(tmp)
        transformer = Transformer(tmp, max_seq_length=MAX_LENGTH)
        st = SentenceTransformer(modules=[transformer, Pooling(dim, "mean"), Normalize()], device="cpu")
        st.save(str(out_dir))
    return out_dir
