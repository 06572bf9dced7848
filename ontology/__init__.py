"""cograph's domain: the ontology (Turtle) and the plain typed Python derived from it.

Imports neither neo4j nor strawberry. Entry points: `ontology.mapping` (labels, relationship types, indexes),
`ontology.vocabulary` (themes and code lists), `ontology.validation` (SHACL), `ontology.rdf` (RDF <-> records),
`ontology.reference.reference_graph` (sourced reference data).
"""
