"""A local OpenSearch 2.19 node for development and CI, built from Maven Central jars.

    from wirewatch.engine import EngineNode
    node = EngineNode(port=9200)
    node.start()          # resolves jars + compiles the launcher on first use, waits for yellow
    ...                   # talk to node.url with opensearch-py
    node.stop()

Shell scripts: ``python -m wirewatch.engine start|stop|status [--port N] [--home DIR] [--fresh]``.
"""

from wirewatch.engine.node import EngineError, EngineNode, EngineStatus, free_port

__all__ = ["EngineError", "EngineNode", "EngineStatus", "free_port"]
