"""The service's configuration: one object built from the environment (DESIGN §4).

Every setting is read and validated here, once, and all problems are reported
together, so a misconfigured deployment fails at start-up with one clear message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping
from urllib.parse import urlsplit

from synonyms import DICTIONARY_DIR

if TYPE_CHECKING:
    from search.es import ElasticsearchConfig

BACKENDS = ("embedded", "elasticsearch")
MAX_TRUSTED_PROXIES = 5  # more hops than any sane deployment has: a larger number is a typo


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
    elasticsearch_api_key: str | None = field(default=None, repr=False)
    elasticsearch_user: str | None = None
    elasticsearch_password: str | None = field(default=None, repr=False)
    elasticsearch_ca_certs: Path | None = None
    elasticsearch_shards: int = 1  # one shard: BM25 statistics match the embedded engine's
    index_prefix: str = "govsearch"
    redis_url: str | None = None
    secret: str | None = field(default=None, repr=False)
    admin_key: str | None = field(default=None, repr=False)
    case_pepper: str | None = field(default=None, repr=False)  # keys verification-code hashes; kept out of the database
    dictionary_dir: Path = DICTIONARY_DIR
    replace_min_share: float = 0.5  # a --replace keeping fewer of the live guides than this is refused
    trusted_proxies: int = 0  # reverse proxies in front that set X-Forwarded-For; 0 trusts none (no spoofing)
    demo_sign_in: bool = False  # 我的 offers sign-in as a bundled sample user: `govsearch demo` only
    sso_login_url: str | None = None  # the province's 统一身份认证 login entry (README: signing in to 我的)
    feed_min_people: int = 5  # a learned next step is used only when this many distinct people took it
    semantic: bool = True  # a sentence-embedding model beside BM25; off: words alone (no model needed)
    model_dir: Path | None = None  # where the model's files are kept; None: the machine's cache (model_directory)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if environ is None else environ
        values = {
            "data_dir": Path(env.get("GOVSEARCH_DATA_DIR") or "./var"),
            "replace_min_share": _numeric(env, "GOVSEARCH_REPLACE_MIN_SHARE", 0.5, float),
            "backend": env.get("GOVSEARCH_BACKEND") or "embedded",
            "elasticsearch_url": env.get("ELASTICSEARCH_URL") or None,
            "elasticsearch_api_key": env.get("ELASTICSEARCH_API_KEY") or None,
            "elasticsearch_user": env.get("ELASTICSEARCH_USER") or None,
            "elasticsearch_password": env.get("ELASTICSEARCH_PASSWORD") or None,
            "elasticsearch_ca_certs": Path(env["ELASTICSEARCH_CA_CERTS"]) if env.get("ELASTICSEARCH_CA_CERTS") else None,
            "elasticsearch_shards": _numeric(env, "GOVSEARCH_ELASTICSEARCH_SHARDS", 1),
            "index_prefix": env.get("GOVSEARCH_INDEX_PREFIX") or "govsearch",
            "redis_url": env.get("REDIS_URL") or None,
            "secret": env.get("GOVSEARCH_SECRET") or None,
            "admin_key": env.get("GOVSEARCH_ADMIN_KEY") or None,
            "case_pepper": env.get("GOVSEARCH_CASE_PEPPER") or None,
            "dictionary_dir": Path(env.get("GOVSEARCH_DICTIONARY_DIR") or DICTIONARY_DIR),
            "trusted_proxies": _numeric(env, "GOVSEARCH_TRUSTED_PROXIES", 0),
            "demo_sign_in": (env.get("GOVSEARCH_DEMO_SIGN_IN") or "").strip().lower() in ("1", "true", "yes", "on"),
            "sso_login_url": env.get("GOVSEARCH_SSO_LOGIN_URL") or None,
            "feed_min_people": _numeric(env, "GOVSEARCH_FEED_MIN_PEOPLE", 5),
            "semantic": _switch(env, "GOVSEARCH_SEMANTIC", True),
            "model_dir": Path(env["GOVSEARCH_MODEL_DIR"]) if env.get("GOVSEARCH_MODEL_DIR") else None,
        }
        values.update(overrides)
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        problems = []
        if self.backend not in BACKENDS:
            problems.append(f"GOVSEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {self.backend!r}")
        if self.backend == "elasticsearch":
            problems += self._elasticsearch_problems()
        if not self.index_prefix.replace("-", "").replace("_", "").isalnum():
            problems.append("GOVSEARCH_INDEX_PREFIX may hold only letters, digits, '-' and '_'")
        if not (self.dictionary_dir / "userdict.txt").is_file():
            problems.append(f"GOVSEARCH_DICTIONARY_DIR {self.dictionary_dir} holds no userdict.txt")
        if not 0.0 <= self.replace_min_share <= 1.0:
            problems.append("GOVSEARCH_REPLACE_MIN_SHARE must be a number from 0 to 1")
        if self.case_pepper is not None and len(self.case_pepper) < 16:
            problems.append("GOVSEARCH_CASE_PEPPER must be at least 16 characters")
        if self.secret is not None and len(self.secret) < 16:
            problems.append("GOVSEARCH_SECRET must be at least 16 characters")
        if self.sso_login_url and not _is_login_address(self.sso_login_url):
            problems.append("GOVSEARCH_SSO_LOGIN_URL must be an http(s):// address or a path starting with /")
        if not 0 <= self.trusted_proxies <= MAX_TRUSTED_PROXIES:
            problems.append(f"GOVSEARCH_TRUSTED_PROXIES must be a whole number from 0 to {MAX_TRUSTED_PROXIES}")
        if self.semantic is None:
            problems.append("GOVSEARCH_SEMANTIC must be on or off")
        if self.feed_min_people < 2:
            problems.append("GOVSEARCH_FEED_MIN_PEOPLE must be a whole number of at least 2 (one person's path is theirs alone)")
        if problems:
            raise ConfigError(problems)

    def _elasticsearch_problems(self) -> list[str]:
        if not self.elasticsearch_url:
            return ["GOVSEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL"]
        problems = []
        for node in self.elasticsearch_nodes:
            parsed = urlsplit(node)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                problems.append(f"ELASTICSEARCH_URL: {node!r} is not an http(s)://host:port address")
        if self.elasticsearch_api_key and self.elasticsearch_user:
            problems.append("set either ELASTICSEARCH_API_KEY or ELASTICSEARCH_USER, not both")
        if self.elasticsearch_password and not self.elasticsearch_user:
            problems.append("ELASTICSEARCH_PASSWORD needs ELASTICSEARCH_USER")
        if self.elasticsearch_ca_certs and not self.elasticsearch_ca_certs.is_file():
            problems.append(f"ELASTICSEARCH_CA_CERTS {self.elasticsearch_ca_certs} is not a file")
        if not 1 <= self.elasticsearch_shards <= 64:
            problems.append("GOVSEARCH_ELASTICSEARCH_SHARDS must be between 1 and 64")
        return problems

    @property
    def elasticsearch_nodes(self) -> list[str]:
        """The nodes of ELASTICSEARCH_URL (several separated by commas)."""
        return [node.strip() for node in (self.elasticsearch_url or "").split(",") if node.strip()]

    @property
    def elasticsearch(self) -> "ElasticsearchConfig":
        """The cluster as the Elasticsearch engine and case store see it."""
        from search.es import ElasticsearchConfig  # the client library only where Elasticsearch is used

        return ElasticsearchConfig(
            nodes=tuple(self.elasticsearch_nodes), prefix=self.index_prefix, shards=self.elasticsearch_shards,
            api_key=self.elasticsearch_api_key, user=self.elasticsearch_user, password=self.elasticsearch_password,
            ca_certs=self.elasticsearch_ca_certs)

    @property
    def pepper(self) -> bytes:
        return (self.case_pepper or "").encode()

    @property
    def model_directory(self) -> Path:
        """Where the embedding model's files are kept (``govsearch.model`` fetches them there):
        GOVSEARCH_MODEL_DIR, else one place per machine that every data dir shares (the demo's,
        the tests', an evaluation's temporary one), so the model is fetched once."""
        if self.model_dir:
            return self.model_dir
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cache / "govsearch" / "model"

    @property
    def vectors_path(self) -> Path:
        """Meaning vectors already computed, by model and text (``search.stores.sqlite_vectors``):
        beside the model, shared like it."""
        return self.model_directory / "vectors.sqlite3"

    @property
    def guides_dir(self) -> Path:
        return self.data_dir / "guides"

    @property
    def rejected_dir(self) -> Path:
        return self.data_dir / "rejected"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "govsearch.sqlite3"


def _numeric(env: Mapping[str, str], name: str, default: int, kind=int):
    """A numeric setting (``kind`` int or float); a malformed one is reported by ``validate``
    as out of range."""
    raw = env.get(name)
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        return kind(-1)


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool | None:
    """An on/off setting; None (reported by ``validate``) when it is neither."""
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    return {"on": True, "true": True, "yes": True, "1": True, "off": False, "false": False, "no": False, "0": False}.get(raw)


def _is_login_address(address: str) -> bool:
    parsed = urlsplit(address)
    if parsed.scheme in ("http", "https"):
        return bool(parsed.hostname)
    return not parsed.scheme and address.startswith("/") and not address.startswith("//")
