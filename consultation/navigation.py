"""The pages of the dashboard, in menu order. A page appears once its script exists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    script: str
    title: str
    icon: str  # Material icon (emoji render as boxes on the target machines)
    url_path: str
    section: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Vue d'ensemble", ":material/dashboard:", "vue-d-ensemble", "Analyse"),
    PageSpec("pages/themes.py", "Thèmes", ":material/category:", "themes", "Analyse"),
    PageSpec("pages/respondents.py", "Répondants", ":material/groups:", "repondants", "Analyse"),
    PageSpec("pages/timeline.py", "Chronologie", ":material/timeline:", "chronologie", "Analyse"),
    PageSpec("pages/texts.py", "Textes", ":material/text_fields:", "textes", "Analyse"),
    PageSpec("pages/answers.py", "Réponses", ":material/list_alt:", "reponses", "Explorer"),
    PageSpec("pages/data.py", "Données", ":material/database:", "donnees", "Explorer"),
)


def available_pages() -> list[PageSpec]:
    """The pages whose script is present in this checkout."""
    return [p for p in PAGES if (ROOT / p.script).is_file()]


def spec(url_path: str) -> PageSpec:
    return next(p for p in PAGES if p.url_path == url_path)
