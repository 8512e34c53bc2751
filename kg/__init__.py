"""negotiation-kg: news articles about negotiations → an RDF knowledge graph.

>>> import kg
>>> kg.__version__
'0.1.0'
"""
__version__ = "0.1.0"
