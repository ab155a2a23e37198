"""The service's configuration: one object built from the environment (DESIGN §4).

Every setting is read and validated here, once, and all problems are reported
together, so a misconfigured deployment fails at start-up with one clear message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from synonyms import DICTIONARY_DIR

BACKENDS = ("embedded", "elasticsearch")


class ConfigError(ValueError):
    """The environment does not describe a usable configuration."""

    def __init__(self, problems: list[str]):
        super().__init__("invalid configuration: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("./var")
    backend: str = "embedded"
    elasticsearch_url: str | None = None
    index_prefix: str = "govsearch"
    redis_url: str | None = None
    secret: str | None = field(default=None, repr=False)
    admin_key: str | None = field(default=None, repr=False)
    dictionary_dir: Path = DICTIONARY_DIR

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if environ is None else environ
        values = {
            "data_dir": Path(env.get("GOVSEARCH_DATA_DIR") or "./var"),
            "backend": env.get("GOVSEARCH_BACKEND") or "embedded",
            "elasticsearch_url": env.get("ELASTICSEARCH_URL") or None,
            "index_prefix": env.get("GOVSEARCH_INDEX_PREFIX") or "govsearch",
            "redis_url": env.get("REDIS_URL") or None,
            "secret": env.get("GOVSEARCH_SECRET") or None,
            "admin_key": env.get("GOVSEARCH_ADMIN_KEY") or None,
            "dictionary_dir": Path(env.get("GOVSEARCH_DICTIONARY_DIR") or DICTIONARY_DIR),
        }
        values.update(overrides)
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        problems = []
        if self.backend not in BACKENDS:
            problems.append(f"GOVSEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {self.backend!r}")
        if self.backend == "elasticsearch" and not self.elasticsearch_url:
            problems.append("GOVSEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL")
        if not self.index_prefix.replace("-", "").replace("_", "").isalnum():
            problems.append("GOVSEARCH_INDEX_PREFIX may hold only letters, digits, '-' and '_'")
        if not (self.dictionary_dir / "userdict.txt").is_file():
            problems.append(f"GOVSEARCH_DICTIONARY_DIR {self.dictionary_dir} holds no userdict.txt")
        if self.secret is not None and len(self.secret) < 16:
            problems.append("GOVSEARCH_SECRET must be at least 16 characters")
        if problems:
            raise ConfigError(problems)

    @property
    def guides_dir(self) -> Path:
        return self.data_dir / "guides"

    @property
    def rejected_dir(self) -> Path:
        return self.data_dir / "rejected"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "govsearch.sqlite3"
