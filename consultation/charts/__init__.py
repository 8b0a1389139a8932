"""Pure figure builders, one module a view; base.py holds the shared palette and layout."""
