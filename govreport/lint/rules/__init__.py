"""All lint rules.  Importing this package registers them."""

from govreport.lint.rules import cells, content, file, meta, schema, sums

__all__ = ["cells", "content", "file", "meta", "schema", "sums"]
