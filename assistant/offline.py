"""Offline by default: no model hub, no telemetry (README, 离线运行).

Call `enforce_offline_env()` before importing huggingface_hub, transformers, sentence-transformers,
chromadb or gradio: those libraries read these variables once, at import time.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

# Defaults only: someone who sets HF_HUB_OFFLINE=0 on purpose (to fetch another model) keeps it.
OFFLINE_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
}
# Always off: usage reports would leave the machine, and nothing in the product needs them.
TELEMETRY_OFF = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",  # Chroma
    "HF_HUB_DISABLE_TELEMETRY": "1",
}


def enforce_offline_env(environ: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """Set the offline defaults and force telemetry off; returns the values now in effect."""
    env = os.environ if environ is None else environ
    for name, value in OFFLINE_DEFAULTS.items():
        env.setdefault(name, value)
    env.update(TELEMETRY_OFF)
    return {name: env[name] for name in (*OFFLINE_DEFAULTS, *TELEMETRY_OFF)}
