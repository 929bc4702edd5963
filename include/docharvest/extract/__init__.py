"""Schema-driven field extraction: schemas, normalisers, the layout grid and the extraction engine.

``schema`` loads and validates schemas, ``normalize`` turns text spans into typed values,
``layout`` builds the cell grid of a document, ``fields`` finds each field's value with a
confidence and its evidence, ``rows`` turns that into result rows.
"""
