"""One table model per register. Rows are plain tuples from ``storage.queries``; sorting and filtering
happen in SQL (``sort`` re-queries), never in a QSortFilterProxyModel (13 s on 100k rows)."""
