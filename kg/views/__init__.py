"""Views of the store: the networkx graph, the graph and timeline pages, CSV tables, and every export.

Each view reads the store through SPARQL only, so it never knows which extractor or backend made the graph.
"""
