"""Meaning beside words: one sentence-embedding model for guides and queries alike.

The analysis chain (``search.analysis``) turns text into words; the encoder turns it into a
vector, so a question told as a story (车被拖走了去哪里领) meets the guide named in official
words. The model is BAAI's bge-small-zh-v1.5 (512 dimensions, MIT licence), the quantized ONNX
export LangChain4j publishes on Maven Central (``govsearch.model`` fetches it), run with
onnxruntime and the Hugging Face ``tokenizers`` file beside it: CLS pooling, L2-normalised, so
a dot product is the cosine similarity.

An onnxruntime session is not fork-safe: each process makes its own on first use (a gunicorn
worker after the fork), with as many intra-op threads as it is told (one per serving worker).
The model's identity is the checksum of its file, stored with every index generation, so a
changed model means re-encoding, never two vector spaces mixed.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import deque
from functools import lru_cache
from pathlib import Path

import numpy as np

from search.errors import ModelUnavailable

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # the tokenizer's own threads do not survive a fork

MODEL_FILE = "bge-small-zh-v1.5-q.onnx"
TOKENIZER_FILE = "bge-small-zh-v1.5-q-tokenizer.json"
CHECKSUMS = {
    MODEL_FILE: "15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc",
    TOKENIZER_FILE: "48cea5d44424912a6fd1ea647bf4fe50b55ab8b1e5879c3275f80e339e8fae26",
}
DIMENSIONS = 512
MAX_TOKENS = 256  # a guide's meaning text is a few hundred characters; queries are far shorter
BATCH = 32  # texts per model call when encoding guides
QUERIES_CACHED = 8_192  # query vectors kept per worker: most of a portal's traffic asks again
TIMINGS_KEPT = 1_000  # the latest query encodings /healthz and /metrics report


class Encoder:
    """Encodes texts as unit vectors with the model in ``directory``."""

    def __init__(self, directory: Path, threads: int = 1):
        self.directory = Path(directory)
        self.threads = threads
        self.identity = model_identity(self.directory)  # checks both files before anything runs
        self._local: tuple[int, object, object] | None = None  # (pid, tokenizer, session)
        self._lock = threading.Lock()
        self.query = lru_cache(maxsize=QUERIES_CACHED)(self._query)
        self.timings: deque[float] = deque(maxlen=TIMINGS_KEPT)  # seconds of the latest query encodings …
        self.encoded = 0  # … of all of them so far

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (one row each, float32), BATCH texts per model call."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([self._run(texts[start:start + BATCH]) for start in range(0, len(texts), BATCH)])

    def _query(self, text: str) -> np.ndarray:
        started = time.perf_counter()
        vector = self._run([text])[0]
        vector.setflags(write=False)  # shared by every caller of the cache
        self.timings.append(time.perf_counter() - started)
        self.encoded += 1
        return vector

    def latency_ms(self) -> dict[str, float | None]:
        """The median and 99th percentile of the latest query encodings, in milliseconds."""
        recent = sorted(self.timings)
        if not recent:
            return {"p50": None, "p99": None}
        return {name: round(recent[min(len(recent) - 1, int(share * len(recent)))] * 1000, 2)
                for name, share in (("p50", 0.5), ("p99", 0.99))}

    def _run(self, texts: list[str]) -> np.ndarray:
        tokenizer, session = self._here()
        encodings = tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = encoding.attention_mask
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        pooled = hidden[:, 0, :]  # CLS pooling, as the model was trained
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)

    def _here(self):
        """This process's tokenizer and session, made on first use (after a fork, anew)."""
        local = self._local
        if local is None or local[0] != os.getpid():
            with self._lock:
                local = self._local
                if local is None or local[0] != os.getpid():
                    local = (os.getpid(), *self._load())
                    self._local = local
        return local[1], local[2]

    def _load(self):
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.directory / TOKENIZER_FILE))
        tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only
        session = onnxruntime.InferenceSession(str(self.directory / MODEL_FILE), options,
                                               providers=["CPUExecutionProvider"])
        return tokenizer, session


@lru_cache(maxsize=4)
def _checksum(path: Path, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_identity(directory: Path) -> str:
    """The model's identity (its file's checksum, shortened) once both files are checked;
    ``ModelUnavailable`` says which file is missing or not the expected one."""
    for name, expected in CHECKSUMS.items():
        path = Path(directory) / name
        if not path.is_file():
            raise ModelUnavailable(f"the embedding model file {path} is missing")
        stat = path.stat()
        if _checksum(path, stat.st_size, stat.st_mtime_ns) != expected:
            raise ModelUnavailable(f"the embedding model file {path} is not the expected one (SHA-256 differs)")
    return "bge-small-zh-v1.5-q:" + CHECKSUMS[MODEL_FILE][:12]


def text_key(identity: str, text: str) -> str:
    """What a vector of ``text`` by the model ``identity`` is cached under."""
    return hashlib.blake2b(f"{identity}\n{text}".encode(), digest_size=16).hexdigest()
