"""Cross-border, explainable matching engine (plain Python: no Django imports).

Public API::

    from northern_connections.matchmaking.engine import Document, Query, MatchingEngine

    engine = MatchingEngine.build([Document(id="1", fields={"name": ..., "text": ...}, tags={...},
                                            trl=7, kind="sme", country="DK", activity=12), ...])
    results = engine.search(Query(text="district heating heat pump", tags={"value_chains": ["heating-cooling"]},
                                  trl_min=6, trl_max=8, country="NO", cross_border="prefer", kinds=["sme"]))
    engine.add(doc); engine.update(doc); engine.remove("1")      # incremental
    blob = engine.dump(); engine = MatchingEngine.load(blob)     # snapshots (bytes or a path)

See DESIGN.md §4.2: algorithms live in plain modules fed by selectors.
"""

from .documents import CROSS_BORDER_MODES, Document, Query
from .embeddings import Embedder, load_embedder
from .engine import Match, MatchingEngine
from .explain import FacetMatch
from .index import Index, IndexConfig
from .scoring import Weights

__all__ = [
    "CROSS_BORDER_MODES",
    "Document",
    "Embedder",
    "FacetMatch",
    "Index",
    "IndexConfig",
    "Match",
    "MatchingEngine",
    "Query",
    "Weights",
    "load_embedder",
]
