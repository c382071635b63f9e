"""Optional dense sentence embeddings, fused with the lexical and facet scores.

Dense embeddings catch matches with no shared word ("wind turbine blade repair" vs "rotor
maintenance") and cross-language matches when the model is multilingual. They are optional: the
platform must run on a machine without a model or a GPU, and no code may download weights at run
time. So the sentence-transformers import happens only when a local model path is configured
(``MATCHMAKING_EMBEDDING_MODEL`` in settings, passed to :func:`load_embedder`); everything else
works without it. Any object with an ``encode(list[str]) -> array`` method (the
sentence-transformers API) can be wrapped, which is how the tests use a fake encoder.

Vectors are L2-normalised at encode time so that a dot product is the cosine similarity.
"""

from __future__ import annotations

import numpy as np


class Embedder:
    """Wraps an encoder with an ``encode(texts) -> (n, dim)`` method; normalises its output."""

    def __init__(self, encoder, *, batch_size: int = 64, name: str = ""):
        self.encoder = encoder
        self.batch_size = batch_size
        self.name = name or type(encoder).__name__

    def _encode(self, texts: list[str]) -> np.ndarray:
        try:
            vecs = self.encoder.encode(texts, batch_size=self.batch_size, show_progress_bar=False)
        except TypeError:  # a minimal encoder without the sentence-transformers keyword arguments
            vecs = self.encoder.encode(texts)
        vecs = np.asarray(vecs, dtype=np.float32)
        if vecs.ndim == 1:
            vecs = vecs[None, :]
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vecs / norms

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts))

    def encode_query(self, text: str) -> np.ndarray:
        return self._encode([text])[0]


def load_embedder(model_path: str, *, device: str | None = None) -> Embedder:
    """Load a sentence-transformers model from a LOCAL path (never from a hub).

    Imported lazily: sentence-transformers (and torch) are an optional extra of the project.
    """
    try:
        from sentence_transformers import SentenceTransformer  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError(
            "dense embeddings need the optional dependency: pip install 'northern-connections[embeddings]'"
        ) from exc
    import os

    if not os.path.isdir(model_path):
        raise FileNotFoundError(f"embedding model directory not found: {model_path}")
    model = SentenceTransformer(model_path, device=device, local_files_only=True)
    return Embedder(model, name=os.path.basename(model_path.rstrip("/")))
