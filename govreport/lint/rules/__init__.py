"""All lint rules.  Importing this package registers them."""

from govreport.lint.rules import (
    cells,
    content,
    file,
    meta,
    plausibility,
    prose,
    schema,
    sums,
    supervision,
    years,
)

__all__ = [
    "cells",
    "content",
    "file",
    "meta",
    "plausibility",
    "prose",
    "schema",
    "sums",
    "supervision",
    "years",
]
