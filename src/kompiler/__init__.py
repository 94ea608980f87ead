"""kompiler: a rules-based compiler for Indonesian civil-service competency standards.

The package is a pipeline whose stages are its modules: ``load`` (strict YAML with source positions) →
``schema`` (JSON Schema) → ``model`` (typed, linked corpus) → ``rules`` (the regulations as named rules) →
``graph`` → ``render``. ``compiler`` runs the stages in order; ``cli`` is a thin shell over it.
"""

__version__ = "0.1.0"
