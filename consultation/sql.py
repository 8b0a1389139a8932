"""Read the named queries of ``queries/``.

A query file may include a base query as ``{{name}}``: the loader replaces it with the base
query in parentheses. Only files of ``queries/`` are ever spliced in; values are always bound.
A query that reads the relation ``search_hit_keys`` gets the rows of queries/search_hits.sql
for its search params, run once per search by consultation.db and registered on its cursor.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

_INCLUDE = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def query_names() -> list[str]:
    """Every named query, sorted."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


@cache
def load(name: str) -> str:
    """The text of the named query, comments dropped, includes expanded."""
    if not _NAME.match(name) or not (QUERIES_DIR / f"{name}.sql").is_file():
        raise KeyError(f"unknown query: {name!r}")
    text = _strip_comments((QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8"))
    return _INCLUDE.sub(lambda m: f"(\n{load(m.group(1))}\n)", text)


SEARCH_HITS = "search_hit_keys"


@cache
def reads_search_hits(name: str) -> bool:
    """Whether the named query reads the search hits (relation SEARCH_HITS)."""
    return re.search(rf"\b{SEARCH_HITS}\b", load(name)) is not None


@cache
def bound_names(name: str) -> frozenset[str]:
    """The ``$params`` the named query's text binds (includes counted)."""
    return frozenset(_PARAM.findall(load(name)))


@cache
def param_names(name: str) -> frozenset[str]:
    """Every param the named query needs: those it binds, and those of the search hits it reads."""
    names = bound_names(name)
    return names | bound_names("search_hits") if reads_search_hits(name) else names


@cache
def many_rows(name: str) -> bool:
    """Whether the named query's header says it may return many rows (``-- rows: many``)."""
    load(name)  # checks the name
    for line in (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            return False
        if line.startswith("-- rows: many"):
            return True
    return False


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
