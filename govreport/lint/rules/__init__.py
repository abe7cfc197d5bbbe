"""All lint rules.  Importing this package registers them."""

from govreport.lint.rules import content, file, schema, sums

__all__ = ["content", "file", "schema", "sums"]
