"""Sources: the nodes of the attribution graph, typed and linked across their mentions.

Three stages, each a module: :mod:`~provenance.sources.classify` types a mention (registry,
head noun, entity label), :mod:`~provenance.sources.coreference` resolves it to a source met
before (names, descriptions, pronouns), :mod:`~provenance.sources.graph` holds the nodes and
the edges between them. :mod:`~provenance.sources.mentions` reads the words of one mention.
"""

from provenance.sources.coreference import Node
from provenance.sources.graph import SourceGraph
from provenance.sources.mentions import mention_span

__all__ = ["Node", "SourceGraph", "mention_span"]
