"""The RDF stage: vocabulary, IRI minting, and facts → rdflib graphs."""
