"""All lint rules.  Importing this package registers them."""

from govreport.lint.rules import cells, content, file, schema, sums

__all__ = ["cells", "content", "file", "schema", "sums"]
