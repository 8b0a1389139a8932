"""Presentation mode for webinars: large type, no chrome, safe to screen-share; and parcours.

The mode is kept in the URL (``?presentation=1``) so a presenter prepares links in advance.
A parcours is an ordered list of saved views (data/parcours.toml: page, filters, a one-line
speaker note) walked through with Précédent / Suivant at ``?presentation=1&parcours=ID&etape=N``.
What the mode changes is decided here and in ui.py; the router applies it on every page.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

from consultation import navigation

PARAM = "presentation"
PARCOURS_PARAM = "parcours"
STEP_PARAM = "etape"
PARCOURS_FILE = navigation.ROOT / "data" / "parcours.toml"
ON_VALUES = ("1", "true", "oui", "on")

# Pages whose content is individual answers: never shown in presentation mode.
NOT_IN_PRESENTATION = frozenset({"reponses"})
# URL keys a parcours step may set (the global filters and the Réponses/Thèmes page keys).
STEP_KEYS = frozenset({"theme", "profil", "secteur", "organisation", "region", "du", "au", "q", "question"})

# Chart type in presentation mode (base_layout uses 14 px): readable on a shared 1280×720 screen.
FONT_SIZE = 18
SCALE = FONT_SIZE / 14

# A fixed stylesheet (never any user text): hides the sidebar, toolbar and developer menu,
# enlarges the type. Colours are the theme's (contrast checked in tests/test_contrast.py).
CSS = """
<style>
[data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"],
[data-testid="stToolbar"],
[data-testid="stMainMenu"],
[data-testid="stAppDeployButton"],
[data-testid="stDecoration"],
[data-testid="stStatusWidget"],
header[data-testid="stHeader"] { display: none !important; }
html { font-size: 19px; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2.5rem 2rem 2.5rem; max-width: none; }
[data-testid="stMain"] h1 { font-size: 2.1rem; padding-top: 0.2rem; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 1.5rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.05rem; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 0.95rem; color: #3A3A3A !important; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 2.6rem; }
[data-testid="stPageLink"] a p { font-size: 1.05rem; }
</style>
"""

# Sets the document language to French (WCAG 3.1.1): Streamlit's index.html says "en".
# A fixed script, no user text; the only JavaScript the app runs.
LANG_SCRIPT = "<script>document.documentElement.lang = 'fr';</script>"


def is_requested(params: Mapping) -> bool:
    """Whether the URL asks for presentation mode."""
    value = params.get(PARAM)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    return isinstance(value, str) and value.strip().lower() in ON_VALUES


@dataclass(frozen=True)
class Step:
    title: str
    page: str  # url_path of the page
    params: Mapping[str, str | tuple[str, ...]]
    note: str = ""


@dataclass(frozen=True)
class Parcours:
    parcours_id: str
    title: str
    description: str
    steps: tuple[Step, ...]

    def available(self, url_paths) -> Parcours:
        """The same parcours without the steps whose page is absent (or not open to this role)."""
        kept = tuple(s for s in self.steps if s.page in url_paths)
        return Parcours(self.parcours_id, self.title, self.description, kept)


def load_parcours(path: Path | None = None) -> tuple[dict[str, Parcours], list[str]]:
    """The parcours of data/parcours.toml and a French message for every step that was dropped."""
    path = path or PARCOURS_FILE
    if not path.is_file():
        return {}, []
    return _load(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: str, _mtime: int) -> tuple[dict[str, Parcours], list[str]]:
    problems: list[str] = []
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as error:
        return {}, [f"Le fichier des parcours est illisible : {error}."]
    known_pages = {p.url_path for p in navigation.PAGES}
    out: dict[str, Parcours] = {}
    for parcours_id, body in (raw.get("parcours") or {}).items():
        if not isinstance(body, Mapping):
            continue
        steps = []
        for i, step in enumerate(body.get("etapes") or [], start=1):
            page = str(step.get("page", ""))
            params = {str(k): v for k, v in (step.get("filtres") or {}).items()}
            unknown = sorted(set(params) - STEP_KEYS)
            if page not in known_pages or unknown:
                problems.append(
                    f"Parcours « {parcours_id} », étape {i} ignorée : "
                    + (f"page inconnue « {page} »." if page not in known_pages else f"filtre inconnu {unknown}.")
                )
                continue
            steps.append(
                Step(
                    title=str(step.get("titre", "")).strip() or f"Étape {i}",
                    page=page,
                    params={
                        k: (tuple(str(x) for x in v) if isinstance(v, list) else str(v)) for k, v in params.items()
                    },
                    note=str(step.get("note", "")).strip(),
                )
            )
        out[str(parcours_id)] = Parcours(
            parcours_id=str(parcours_id),
            title=str(body.get("titre", parcours_id)),
            description=str(body.get("description", "")),
            steps=tuple(steps),
        )
    return out, problems


def step_query_params(parcours: Parcours, number: int) -> dict[str, str | list[str]]:
    """The URL of step ``number`` (1-based): its filters, presentation mode, parcours and step."""
    step = parcours.steps[number - 1]
    params: dict[str, str | list[str]] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in step.params.items()}
    params.update({PARAM: "1", PARCOURS_PARAM: parcours.parcours_id, STEP_PARAM: str(number)})
    return params


def requested_step(params: Mapping, parcours_by_id: Mapping[str, Parcours]) -> tuple[Parcours | None, int, list[str]]:
    """The parcours and step number asked by the URL (clamped), and French messages for what was wrong."""
    wanted = params.get(PARCOURS_PARAM)
    if not wanted:
        return None, 0, []
    parcours = parcours_by_id.get(str(wanted))
    if parcours is None or not parcours.steps:
        return None, 0, [f"Parcours inconnu ou vide : « {str(wanted)[:40]} ». Il a été ignoré."]
    raw = str(params.get(STEP_PARAM) or "1")
    try:
        number = int(raw)
    except ValueError:
        return parcours, 1, [f"Étape illisible : « {raw[:20]} ». Le parcours reprend à l'étape 1."]
    clamped = min(max(number, 1), len(parcours.steps))
    if clamped != number:
        return parcours, clamped, [f"Le parcours a {len(parcours.steps)} étapes : affichage de l'étape {clamped}."]
    return parcours, number, []


def enlarge(fig: go.Figure) -> go.Figure:
    """The same figure with type large enough for a shared 1280×720 screen."""
    layout = fig.layout
    base = (layout.font.size if layout.font and layout.font.size else 14) * SCALE
    fig.update_layout(font_size=round(base), hoverlabel_font_size=round(base))
    for annotation in layout.annotations or ():
        size = annotation.font.size if annotation.font and annotation.font.size else 14
        annotation.font.size = round(size * SCALE)
    for trace in fig.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size:
            textfont.size = round(textfont.size * SCALE)

    def scale_axis(axis) -> None:
        if axis.tickfont and axis.tickfont.size:
            axis.tickfont.size = round(axis.tickfont.size * SCALE)
        if axis.title and axis.title.font and axis.title.font.size:
            axis.title.font.size = round(axis.title.font.size * SCALE)

    fig.for_each_xaxis(scale_axis)
    fig.for_each_yaxis(scale_axis)
    if layout.legend and layout.legend.font and layout.legend.font.size:
        layout.legend.font.size = round(layout.legend.font.size * SCALE)
    return fig
