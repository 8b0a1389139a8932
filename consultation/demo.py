"""Deterministic synthetic consultation: a realistic demo database at any scale.

    python -m consultation.demo --contributions 9000 --seed 2023 --out data/consultation.duckdb

What it plants, so that every view has something true to show and tests can check it:
- about 1.5 contributions a répondant (professionals answer several questionnaires more often),
  profiles ~45 % professionnels, ~20 % acteurs du numérique, ~35 % citoyens, sectors and kinds
  of organisation consistent with the profile, Île-de-France ~30 % of répondants;
- themes of unequal popularity, shaped by profile and sector (archivists -> archivage);
- a timeline with a launch peak, a bump after each webinar on its theme, fewer contributions
  at weekends, a long decay and a closing rush; citizens write in the evening, professionals
  during office hours;
- ~12 % incomplete contributions, open questions skipped often, answers from "RAS" to several
  paragraphs;
- a coordinated campaign (CAMPAIGN_*), personal data (PLANTED_*) and hostile strings
  (HOSTILE_STRINGS) inside open answers.

Same seed and size give byte-identical tables: every draw comes from one numpy Generator
(the text writer's ``random.Random`` is seeded from it), in a fixed order, without wall-clock.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date, datetime
from pathlib import Path

import numpy as np
import polars as pl

from consultation import reference, store
from consultation.demo_questionnaires import PROFILE_ORDER, QUESTIONNAIRES
from consultation.demo_text import (
    CAMPAIGN_TEMPLATE,
    HOSTILE_STRINGS,
    PLANTED_ADDRESSES,
    PLANTED_EMAILS,
    PLANTED_FULL_NAMES,
    PLANTED_PHONES,
    PLANTED_TITLES,
    Writer,
)

__all__ = [
    "CAMPAIGN_END",
    "CAMPAIGN_QUESTION_ID",
    "CAMPAIGN_START",
    "CAMPAIGN_TEMPLATE",
    "CAMPAIGN_THEME",
    "HOSTILE_STRINGS",
    "PLANTED_ADDRESSES",
    "PLANTED_EMAILS",
    "PLANTED_NAMES",
    "PLANTED_PHONES",
    "frames",
    "generate",
    "main",
]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "consultation.duckdb"

THEMES = reference.THEME_IDS
PROFILES = tuple(code for code, _, _ in reference.PROFILES)
assert PROFILES == PROFILE_ORDER and set(QUESTIONNAIRES) == set(THEMES)
SECTORS = tuple(code for code, _ in reference.SECTORS)
ORGS = tuple(code for code, _ in reference.ORGANISATION_TYPES)
REGIONS = reference.regions()
REGION_CODES = tuple(r["region_code"] for r in REGIONS)

CAMPAIGN_THEME = "donnees_ia"
CAMPAIGN_QUESTION_ID = "donnees_ia_q05"  # "Quelles garanties attendez-vous en matière de droit d'auteur ..."
CAMPAIGN_START = date(2023, 4, 25)
CAMPAIGN_END = date(2023, 4, 28)
CAMPAIGN_PER_9000 = 300
PLANTED_NAMES = PLANTED_FULL_NAMES + PLANTED_TITLES
assert QUESTIONNAIRES[CAMPAIGN_THEME][int(CAMPAIGN_QUESTION_ID[-2:]) - 1].angle == "droits"

DAYS = (reference.CLOSING - reference.OPENING).days + 1
EPOCH = np.datetime64(reference.OPENING.isoformat(), "s")

# --- Who answers ---------------------------------------------------------------------------------
PROFILE_SHARE = (0.45, 0.20, 0.35)
# Contributions per répondant, 1..6, by profile.
K_WEIGHTS = ((0.62, 0.17, 0.09, 0.06, 0.035, 0.025), (0.68, 0.15, 0.08, 0.05, 0.025, 0.015),
             (0.82, 0.11, 0.04, 0.02, 0.005, 0.005))  # fmt: skip
_NUM_ORGS = {"entreprise": 40, "start_up": 28, "independant": 14, "association": 9, "etablissement_public": 5,
             "non_renseigne": 4}  # fmt: skip
_CIT_ORGS = {"particulier": 90, "non_renseigne": 7, "association": 3}
# profile -> sector -> (weight, organisation type weights)
SECTOR_MIX: dict[str, dict[str, tuple[float, dict[str, float]]]] = {
    "professionnel": {
        "musees_patrimoine": (16, {"collectivite": 40, "etablissement_public": 30, "association": 15,
                                   "administration": 7, "entreprise": 5, "non_renseigne": 3}),
        "archives": (8, {"collectivite": 55, "etablissement_public": 20, "administration": 15,
                         "entreprise": 5, "association": 3, "non_renseigne": 2}),
        "bibliotheques": (14, {"collectivite": 72, "etablissement_public": 10, "enseignement_recherche": 10,
                               "association": 5, "non_renseigne": 3}),
        "spectacle_vivant": (12, {"association": 45, "independant": 20, "entreprise": 18, "collectivite": 10,
                                  "etablissement_public": 7}),
        "arts_visuels": (9, {"independant": 60, "association": 25, "entreprise": 10, "collectivite": 5}),
        "cinema_audiovisuel": (7, {"entreprise": 45, "independant": 30, "association": 15,
                                   "etablissement_public": 10}),
        "musique": (8, {"independant": 40, "association": 30, "entreprise": 25, "collectivite": 5}),
        "livre_edition": (7, {"entreprise": 50, "independant": 35, "association": 15}),
        "presse_medias": (3, {"entreprise": 70, "independant": 25, "association": 5}),
        "architecture": (3, {"entreprise": 45, "independant": 35, "administration": 10,
                             "etablissement_public": 10}),
        "jeu_video": (2, {"entreprise": 60, "start_up": 25, "independant": 15}),
        "recherche": (5, {"enseignement_recherche": 85, "etablissement_public": 15}),
        "eac": (4, {"association": 45, "collectivite": 30, "enseignement_recherche": 15,
                    "administration": 10}),
        "numerique_tech": (1, {"entreprise": 50, "start_up": 30, "etablissement_public": 20}),
        "autre": (2, {"association": 40, "entreprise": 30, "collectivite": 30}),
        "non_renseigne": (1, {"non_renseigne": 70, "association": 30}),
    },
    "numerique": {
        "numerique_tech": (55, _NUM_ORGS),
        "jeu_video": (12, {"entreprise": 55, "start_up": 30, "independant": 15}),
        "recherche": (8, {"enseignement_recherche": 80, "start_up": 20}),
        "presse_medias": (5, _NUM_ORGS), "cinema_audiovisuel": (5, _NUM_ORGS), "musique": (4, _NUM_ORGS),
        "eac": (3, _NUM_ORGS), "musees_patrimoine": (3, _NUM_ORGS), "autre": (3, _NUM_ORGS),
        "non_renseigne": (2, _NUM_ORGS),
    },
    "citoyen": {
        "non_renseigne": (82, _CIT_ORGS), "autre": (6, _CIT_ORGS), "eac": (3, _CIT_ORGS),
        "recherche": (3, _CIT_ORGS), "musique": (2, _CIT_ORGS), "arts_visuels": (2, _CIT_ORGS),
        "livre_edition": (2, _CIT_ORGS),
    },
}  # fmt: skip
# Share of Île-de-France by profile (over-represented), abroad and unknown; the rest by population.
IDF_SHARE, ABROAD_SHARE, UNKNOWN_SHARE, OVERSEAS_FACTOR = (0.31, 0.36, 0.26), 0.03, 0.025, 0.6

# --- Which themes ---------------------------------------------------------------------------------
THEME_BASE = {"metavers": 0.95, "creation": 1.35, "ecologie": 1.0, "langue": 0.6, "archivage": 0.45,
              "donnees_ia": 1.6}  # fmt: skip
THEME_BY_PROFILE = {
    "professionnel": {"creation": 1.2},
    "numerique": {"metavers": 2.2, "donnees_ia": 1.8, "creation": 0.8, "ecologie": 0.8, "langue": 0.7,
                  "archivage": 0.5},
    "citoyen": {"ecologie": 1.4, "langue": 1.5, "archivage": 0.6},
}  # fmt: skip
THEME_BY_SECTOR = {
    "archives": {"archivage": 9, "donnees_ia": 1.2}, "bibliotheques": {"archivage": 1.8, "langue": 2},
    "musees_patrimoine": {"metavers": 1.5, "archivage": 1.5}, "spectacle_vivant": {"creation": 2.5},
    "arts_visuels": {"creation": 2.5}, "musique": {"creation": 2.5}, "cinema_audiovisuel": {"creation": 2.5},
    "livre_edition": {"langue": 2.5, "creation": 1.5}, "jeu_video": {"metavers": 3, "creation": 1.5},
    "recherche": {"donnees_ia": 1.6, "archivage": 1.8, "langue": 1.4},
    "numerique_tech": {"donnees_ia": 1.5, "metavers": 1.5},
    "presse_medias": {"donnees_ia": 1.5, "langue": 1.3},
    "architecture": {"metavers": 1.5, "archivage": 1.5}, "eac": {"creation": 1.5, "langue": 1.3},
}  # fmt: skip

# --- When -----------------------------------------------------------------------------------------
WEEKDAY_FACTOR = ((1.05, 1.1, 1.1, 1.05, 0.95, 0.3, 0.25), (1.0, 1.05, 1.05, 1.0, 0.95, 0.55, 0.45),
                  (0.9, 0.9, 0.95, 0.9, 0.85, 1.1, 1.2))  # fmt: skip
WEBINAR_BUMP = (1.5, 4.5, 3.0, 1.5, 0.6)  # extra contributions on the day and the 4 days after
# Hours of submission: profile -> (weekdays, weekends) relative weights of hours 0..23.
HOURS = {
    "professionnel": ("1 .5 .5 .5 .5 1 3 8 25 60 80 80 45 40 70 70 60 40 20 12 10 10 6 3",
                      "3 1 .5 .5 .5 1 2 5 10 20 25 25 15 15 20 20 20 18 15 15 20 20 12 6"),
    "numerique": ("3 1.5 .5 .5 .5 1 3 8 25 50 65 65 40 40 60 60 55 40 25 20 22 24 16 8",
                  "6 3 1 .5 .5 1 2 5 10 18 25 25 18 18 20 20 20 18 16 18 22 24 16 10"),
    "citoyen": ("12 5 2 1 1 2 5 12 15 15 15 16 30 30 16 15 15 20 30 40 60 80 65 30",
                "15 7 3 1 1 1 3 8 18 30 40 40 30 30 40 40 40 35 30 35 50 55 40 22"),
}  # fmt: skip
SAME_SESSION = 0.45  # chance that a further questionnaire follows the previous one within minutes

# --- How they answer ------------------------------------------------------------------------------
INCOMPLETE = (0.10, 0.12, 0.17)
CLOSED_RATE, SCALE_RATE = 0.96, 0.94
OPEN_RATE_FACTOR = (1.08, 1.0, 0.88)
SENTENCES_MEDIAN = (2.8, 2.4, 1.8)  # lognormal scale of the number of sentences, by profile
SHORT_RATE = (0.05, 0.06, 0.10)
PICKS = (0.34, 0.33, 0.21, 0.12)  # multiple choice: 1..4 choices ticked
PII_RATES = {"email": 0.0055, "phone": 0.0045, "address": 0.001, "name": 0.0015}

_NORMAL, _CAMPAIGN, _SHORT = 0, 1, 2
_PII = {kind: 3 + i for i, kind in enumerate(PII_RATES)}
_HOSTILE0 = 10


def _tilted_weights() -> dict[tuple[str, int], np.ndarray]:
    """(theme, position) -> (3 profiles, n choices) probabilities; fixed, whatever the seed."""
    tilt = np.random.default_rng(20230216)
    out = {}
    for theme in THEMES:
        for pos, q in enumerate(QUESTIONNAIRES[theme], 1):
            if q.kind == "open":
                continue
            w = np.array(q.weights, dtype=float)
            if q.tilt:
                w = w * tilt.lognormal(0.0, 0.3, size=w.shape)
            out[theme, pos] = w / w.sum(axis=1, keepdims=True)
    return out


CHOICE_P = _tilted_weights()


def _p(weights) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def _respondents(rng: np.random.Generator, n_regular: int, n_campaign: int) -> dict[str, np.ndarray]:
    """Profile, sector, organisation, region and number of contributions of every répondant."""
    profile, k = [], []
    total = 0
    while total < n_regular:  # draw batches until the contributions are covered
        size = max(1024, int((n_regular - total) / 1.5 * 1.1))
        p = rng.choice(3, size=size, p=PROFILE_SHARE)
        kk = np.empty(size, dtype=np.int64)
        for i in range(3):
            kk[p == i] = rng.choice(6, size=int((p == i).sum()), p=_p(K_WEIGHTS[i])) + 1
        profile.append(p)
        k.append(kk)
        total += int(kk.sum())
    profile, k = np.concatenate(profile), np.concatenate(k)
    last = int(np.searchsorted(np.cumsum(k), n_regular))
    profile, k = profile[: last + 1], k[: last + 1]
    k[-1] -= int(k.sum()) - n_regular
    n_resp = len(k)
    sector, org = _sectors(rng, profile)
    # Campaign signers: mostly citizens and artists-auteurs, each one contribution.
    cp = rng.choice(3, size=n_campaign, p=(0.35, 0.03, 0.62))
    cs, co = _sectors(rng, cp)
    artists = np.flatnonzero(cp == 0)
    art_sectors = np.array(
        [
            SECTORS.index(s)
            for s in ("arts_visuels", "livre_edition", "musique", "cinema_audiovisuel", "spectacle_vivant")
        ]
    )
    cs[artists] = art_sectors[rng.choice(5, size=len(artists), p=(0.35, 0.25, 0.2, 0.1, 0.1))]
    co[artists] = ORGS.index("independant")
    profile = np.concatenate([profile, cp])
    return {
        "profile": profile,
        "sector": np.concatenate([sector, cs]),
        "org": np.concatenate([org, co]),
        "region": _regions(rng, profile),
        "k": np.concatenate([k, np.ones(n_campaign, dtype=np.int64)]),
        "campaign": np.arange(n_resp + n_campaign) >= n_resp,
    }


def _sectors(rng: np.random.Generator, profile: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    sector = np.zeros(len(profile), dtype=np.int64)
    org = np.zeros(len(profile), dtype=np.int64)
    for i, code in enumerate(PROFILES):
        rows = np.flatnonzero(profile == i)
        mix = SECTOR_MIX[code]
        names = list(mix)
        drawn = rng.choice(len(names), size=len(rows), p=_p([mix[s][0] for s in names]))
        for j, s in enumerate(names):
            sub = rows[drawn == j]
            orgs = mix[s][1]
            sector[sub] = SECTORS.index(s)
            org[sub] = np.array([ORGS.index(o) for o in orgs])[
                rng.choice(len(orgs), size=len(sub), p=_p(list(orgs.values())))
            ]
    return sector, org


def _regions(rng: np.random.Generator, profile: np.ndarray) -> np.ndarray:
    out = np.zeros(len(profile), dtype=np.int64)
    pop = np.array([r["population"] or 0 for r in REGIONS], dtype=float)
    pop[[i for i, c in enumerate(REGION_CODES) if c.startswith("0") and c != "00"]] *= OVERSEAS_FACTOR
    special = ("11", reference.ABROAD_REGION, reference.UNKNOWN_REGION)
    idf, abroad, unknown = (REGION_CODES.index(c) for c in special)
    pop[idf] = 0
    for i in range(3):
        w = pop / pop.sum() * (1 - IDF_SHARE[i] - ABROAD_SHARE - UNKNOWN_SHARE)
        w[idf], w[abroad], w[unknown] = IDF_SHARE[i], ABROAD_SHARE, UNKNOWN_SHARE
        rows = np.flatnonzero(profile == i)
        out[rows] = rng.choice(len(w), size=len(rows), p=_p(w))
    return out


def _themes(rng: np.random.Generator, resp: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    """(respondent index, theme index, rank) of every contribution, grouped by respondent."""
    n = len(resp["k"])
    w = np.tile(np.array([THEME_BASE[t] for t in THEMES]), (n, 1))
    for i, code in enumerate(PROFILES):
        for t, f in THEME_BY_PROFILE[code].items():
            w[resp["profile"] == i, THEMES.index(t)] *= f
    for s, mults in THEME_BY_SECTOR.items():
        rows = (resp["sector"] == SECTORS.index(s)) & (resp["profile"] != PROFILES.index("citoyen"))
        for t, f in mults.items():
            w[rows, THEMES.index(t)] *= f
    # Weighted sampling without replacement: the k largest log(w) + Gumbel keys.
    order = np.argsort(-(np.log(w) + rng.gumbel(size=w.shape)), axis=1, kind="stable")
    order[resp["campaign"], 0] = THEMES.index(CAMPAIGN_THEME)
    who = np.repeat(np.arange(n), resp["k"])
    starts = np.cumsum(resp["k"]) - resp["k"]
    rank = np.arange(len(who)) - np.repeat(starts, resp["k"])
    return who, order[who, rank], rank


def _day_weights() -> np.ndarray:
    """(theme, profile, day) relative daily intensity."""
    d = np.arange(DAYS, dtype=float)
    level = np.exp(-d / 40) + 0.22
    launch = 4.0 * np.exp(-d / 2.5)
    rush = 1.6 * np.clip((d - (DAYS - 11)) / 10, 0, 1) ** 2 + np.where(d == DAYS - 1, 0.6, 0)
    weekday = (reference.OPENING.weekday() + np.arange(DAYS)) % 7
    out = np.zeros((len(THEMES), 3, DAYS))
    for p in range(3):
        out[:, p, :] = (level + launch + rush) * np.array(WEEKDAY_FACTOR[p])[weekday]
    out[THEMES.index("donnees_ia")] *= 1 + 0.3 * d / DAYS  # interest in generative AI grows in spring 2023
    for when, _, kind, theme in reference.EVENTS:
        if kind != "webinar":
            continue
        e = (when - reference.OPENING).days
        bump = np.zeros(DAYS)
        bump[e : e + len(WEBINAR_BUMP)] = np.array(WEBINAR_BUMP)[: DAYS - e] * level[e]
        if theme is None:
            out += 0.4 * bump
        else:
            out[THEMES.index(theme)] += bump
    return out


def _contributions(rng: np.random.Generator, resp: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every contribution: respondent, theme, submission time (seconds since opening), completion."""
    who, theme, rank = _themes(rng, resp)
    n = len(who)
    prof = resp["profile"][who]
    campaign = resp["campaign"][who]
    day = np.zeros(n, dtype=np.int64)
    weights = _day_weights()
    for t in range(len(THEMES)):
        for p in range(3):
            rows = np.flatnonzero((theme == t) & (prof == p) & ~campaign)
            day[rows] = rng.choice(DAYS, size=len(rows), p=_p(weights[t, p]))
    rows = np.flatnonzero(campaign)  # the campaign: a few days, front-loaded, a few stragglers
    start, span = (CAMPAIGN_START - reference.OPENING).days, (CAMPAIGN_END - CAMPAIGN_START).days + 1
    cday = start + rng.choice(span, size=len(rows), p=_p((0.38, 0.30, 0.20, 0.12)[:span]))
    late = rng.random(len(rows)) < 0.04
    cday[late] = start + span + rng.integers(0, 14, size=int(late.sum()))
    day[rows] = cday
    weekend = (reference.OPENING.weekday() + day) % 7 >= 5
    hour = np.zeros(n, dtype=np.int64)
    for p, code in enumerate(PROFILES):
        for we in (False, True):
            rows = np.flatnonzero((prof == p) & (weekend == we))
            hour[rows] = rng.choice(24, size=len(rows), p=_p(HOURS[code][we].split()))
    hour = np.where((day == 0) & (hour < 10), hour + 10, hour)  # the platform opened in the morning
    dst = (date(2023, 3, 26) - reference.OPENING).days  # 02:00-03:00 does not exist in Paris that night
    hour = np.where((day == dst) & (hour == 2), 3, hour)  # (and chained sessions are shifted below)
    secs = day * 86400 + hour * 3600 + rng.integers(0, 3600, size=n)
    # A further questionnaire often follows the previous one in the same session.
    same = (rank > 0) & (rng.random(n) < SAME_SESSION)
    gap = np.clip(rng.lognormal(np.log(900), 0.8, size=n), 120, 4 * 3600).astype(np.int64)
    for r in range(1, 6):
        rows = np.flatnonzero(same & (rank == r))
        secs[rows] = secs[rows - 1] + gap[rows]
    gap_hour = (secs >= dst * 86400 + 7200) & (secs < dst * 86400 + 10800)
    secs = np.minimum(np.where(gap_hour, secs + 3600, secs), DAYS * 86400 - 1)
    n_questions = np.array([len(QUESTIONNAIRES[t]) for t in THEMES])[theme]
    incomplete = (rng.random(n) < np.array(INCOMPLETE)[prof]) & ~campaign
    # Questions answered are those whose position < stop: incomplete ones stop after question 1 at least.
    stop = np.where(incomplete, rng.integers(2, n_questions + 1), n_questions + 1)
    order = np.lexsort((rank, who, secs))
    return {
        "who": who[order],
        "theme": theme[order],
        "secs": secs[order],
        "stop": stop[order],
        "complete": ~incomplete[order],
        "campaign": campaign[order],
        "profile": prof[order],
        "sector": resp["sector"][who][order],
    }


QUESTION_IDS = [f"{t}_q{pos:02d}" for t in THEMES for pos in range(1, len(QUESTIONNAIRES[t]) + 1)]
ANGLE_NAMES = sorted({q.angle for qs in QUESTIONNAIRES.values() for q in qs if q.kind == "open"})


def _answers(rng: np.random.Generator, c: dict[str, np.ndarray], n_contributions: int) -> pl.DataFrame:
    """One row a non-empty answer: closed answers vectorised, open answers written one by one."""
    closed: list[pl.DataFrame] = []
    opened: list[tuple[np.ndarray, int, int, int, bool]] = []
    qi = 0
    for t, theme in enumerate(THEMES):
        idx = np.flatnonzero(c["theme"] == t)
        prof, stop, campaign = c["profile"][idx], c["stop"][idx], c["campaign"][idx]
        n_open = 0
        for pos, q in enumerate(QUESTIONNAIRES[theme], 1):
            u = rng.random(len(idx))
            if q.kind == "open":
                rate = np.where(campaign, 0.2, np.minimum(q.rate * np.array(OPEN_RATE_FACTOR)[prof], 0.97))
            else:
                rate = SCALE_RATE if q.kind == "scale" else CLOSED_RATE
            answered = (pos < stop) & ((u < rate) | (pos == 1))
            if QUESTION_IDS[qi] == CAMPAIGN_QUESTION_ID:
                answered |= campaign
            rows = idx[answered]
            if q.kind == "open":
                opened.append((rows, qi, t, ANGLE_NAMES.index(q.angle), n_open > 0))
                n_open += 1
            else:
                p = CHOICE_P[theme, pos]
                closed.append(_closed(rng, rows, c["profile"][rows], qi, p, q.kind, q.choices))
            qi += 1
    texts = _open_answers(rng, c, opened, n_contributions)
    answers = pl.concat([*closed, texts], how="diagonal").sort("ci", "qi")
    width = max(7, len(str(len(c["who"]))))
    return answers.select(
        contribution_id=pl.concat_str(pl.lit("C"), (pl.col("ci") + 1).cast(pl.String).str.zfill(width)),
        question_id=pl.Series(QUESTION_IDS).gather(answers["qi"]),
        text=pl.col("text"),
        choices=pl.col("choices"),
        number=pl.col("number"),
    )


def _closed(rng, rows, prof, qi, p, kind, choices) -> pl.DataFrame:
    m, n = p.shape[1], len(rows)
    frame = pl.DataFrame({"ci": rows.astype(np.int64), "qi": np.full(n, qi, dtype=np.int64)})
    if kind == "multiple":  # 1..4 distinct choices, in questionnaire order
        top = np.argsort(-(np.log(p[prof]) + rng.gumbel(size=(n, m))), axis=1, kind="stable")[:, :4]
        k = np.minimum(rng.choice(len(PICKS), size=n, p=PICKS) + 1, m)
        picked = np.sort(np.where(np.arange(4) < k[:, None], top, m), axis=1)
    else:
        picked = np.zeros((n, 1), dtype=np.int64)
        for i in range(3):
            sub = np.flatnonzero(prof == i)
            picked[sub, 0] = rng.choice(m, size=len(sub), p=p[i])
    if kind == "scale":
        return frame.with_columns(number=pl.Series(picked[:, 0] + 1.0))
    labels = pl.Series([*choices, None], dtype=pl.String)
    columns = [labels.gather(picked[:, j]).alias(f"c{j}") for j in range(picked.shape[1])]
    return frame.with_columns(choices=pl.concat_list(columns).list.drop_nulls())


def _open_answers(rng, c, opened, n_contributions: int) -> pl.DataFrame:
    rows = np.concatenate([o[0] for o in opened])
    qi = np.concatenate([np.full(len(o[0]), o[1]) for o in opened])
    theme = np.concatenate([np.full(len(o[0]), o[2]) for o in opened])
    angle = np.concatenate([np.full(len(o[0]), o[3]) for o in opened])
    later = np.concatenate([np.full(len(o[0]), o[4]) for o in opened])
    n = len(rows)
    prof, sector, campaign = c["profile"][rows], c["sector"][rows], c["campaign"][rows]
    scale = np.array(SENTENCES_MEDIAN)[prof] * np.where(later | campaign, 0.85, 1.0)
    sentences = np.minimum(1 + np.floor(rng.lognormal(np.log(scale), 0.8)), 30).astype(np.int64)
    short = rng.random(n) < np.array(SHORT_RATE)[prof] * np.where(angle == ANGLE_NAMES.index("libre"), 3, 1)
    code = np.where(short, _SHORT, _NORMAL)
    code[campaign & (qi == QUESTION_IDS.index(CAMPAIGN_QUESTION_ID))] = _CAMPAIGN
    u = rng.random(n)
    edge = 0.0
    for kind, rate in PII_RATES.items():
        code[(code == _NORMAL) & (u >= edge) & (u < edge + rate)] = _PII[kind]
        edge += rate
    normal = np.flatnonzero(code == _NORMAL)
    per_string = max(1, n_contributions // 4500)
    hostile = rng.choice(normal, size=min(len(normal), per_string * len(HOSTILE_STRINGS)), replace=False)
    code[hostile] = _HOSTILE0 + np.arange(len(hostile)) % len(HOSTILE_STRINGS)
    writer = Writer(int(rng.integers(0, 2**62)))
    pii_kinds = {v: k for k, v in _PII.items()}
    texts: list[pl.Series] = []
    columns = (theme, angle, prof, sector, sentences, code)
    args = zip(*(column.tolist() for column in columns), strict=True)
    themes, angles, profiles, sectors = THEMES, ANGLE_NAMES, PROFILES, SECTORS
    chunk: list[str] = []
    for t, a, p, s, k, what in args:
        if what == _CAMPAIGN:
            text = writer.campaign()
        elif what == _SHORT:
            text = writer.short(themes[t], angles[a])
        else:
            text = writer.answer(themes[t], angles[a], profiles[p], sectors[s], k)
            if what >= _HOSTILE0:
                text = writer.with_hostile(text, HOSTILE_STRINGS[what - _HOSTILE0])
            elif what != _NORMAL:
                text = writer.with_personal_data(text, pii_kinds[what])
        chunk.append(text)
        if len(chunk) == 200_000:  # keep Python strings few: pack them into Arrow as we go
            texts.append(pl.Series(chunk, dtype=pl.String))
            chunk = []
    texts.append(pl.Series(chunk, dtype=pl.String))
    return pl.DataFrame({"ci": rows.astype(np.int64), "qi": qi.astype(np.int64), "text": pl.concat(texts)})


def frames(contributions: int, seed: int) -> dict[str, pl.DataFrame]:
    """The demo tables (questions, respondents, contributions, answers, sources) as DataFrames."""
    if contributions < 1:
        raise ValueError("contributions must be >= 1")
    rng = np.random.default_rng(seed)
    n_campaign = min(contributions // 3, round(contributions * CAMPAIGN_PER_9000 / 9000))
    resp = _respondents(rng, contributions - n_campaign, n_campaign)
    c = _contributions(rng, resp)
    n_resp = len(resp["k"])
    first = np.full(n_resp, np.iinfo(np.int64).max)
    np.minimum.at(first, c["who"], c["secs"])
    by_first = np.lexsort((np.arange(n_resp), first))  # respondent ids follow their first submission
    number = np.empty(n_resp, dtype=np.int64)
    number[by_first] = np.arange(1, n_resp + 1)
    rwidth = max(6, len(str(n_resp)))
    cwidth = max(7, len(str(len(c["who"]))))

    def ids(prefix: str, numbers: np.ndarray, width: int) -> pl.Series:
        digits = pl.Series(numbers).cast(pl.String).str.zfill(width)
        return pl.select(pl.concat_str(pl.lit(prefix), pl.lit(digits))).to_series()

    respondents = pl.DataFrame(
        {
            "respondent_id": ids("R", np.arange(1, n_resp + 1), rwidth),
            "profile": pl.Series(PROFILES).gather(resp["profile"][by_first]),
            "sector": pl.Series(SECTORS).gather(resp["sector"][by_first]),
            "organisation_type": pl.Series(ORGS).gather(resp["org"][by_first]),
            "region_code": pl.Series(REGION_CODES).gather(resp["region"][by_first]),
        }
    )
    contributions_df = pl.DataFrame(
        {
            "contribution_id": ids("C", np.arange(1, len(c["who"]) + 1), cwidth),
            "respondent_id": ids("R", number[c["who"]], rwidth),
            "theme_id": pl.Series(THEMES).gather(c["theme"]),
            "submitted_at": pl.Series((EPOCH + c["secs"].astype("timedelta64[s]")).astype("datetime64[us]")),
            "is_complete": c["complete"],
            "source_id": pl.repeat("demo", len(c["who"]), eager=True),
        }
    )
    answers = _answers(rng, c, contributions)
    questions = pl.DataFrame(
        [
            {"question_id": f"{t}_q{pos:02d}", "theme_id": t, "position": pos, "label": q.label,
             "kind": q.kind, "choices": list(q.choices) if q.kind != "open" else None}
            for t in THEMES
            for pos, q in enumerate(QUESTIONNAIRES[t], 1)
        ],
        schema={"question_id": pl.String, "theme_id": pl.String, "position": pl.Int32, "label": pl.String,
                "kind": pl.String, "choices": pl.List(pl.String)},
    )  # fmt: skip
    report = json.dumps({"generator": "consultation.demo", "seed": seed, "contributions": contributions})
    sources = pl.DataFrame(
        {
            "source_id": ["demo"],
            "file_name": ["démo synthétique"],
            "file_sha256": [None],
            "format": ["demo"],
            "imported_at": [datetime(2023, 7, 1)],
            "row_count": [contributions_df.height],
            "contribution_count": [contributions_df.height],
            "respondent_count": [respondents.height],
            "answer_count": [answers.height],
            "report": [report],
        },
        schema_overrides={"file_sha256": pl.String},
    )
    return {
        "questions": questions,
        "respondents": respondents,
        "contributions": contributions_df,
        "answers": answers,
        "sources": sources,
    }


def generate(path, contributions: int = 9000, seed: int = 2023) -> Path:
    """Build the demo database at ``path`` (replaced in one step) and return its path."""
    tables = frames(contributions, seed)
    meta = {"source": "demo", "is_demo": "true", "seed": str(seed), "contributions": str(contributions)}
    return store.build_database(path, tables, meta)


def _fr(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _seconds(s: float) -> str:
    return f"{s:.1f} s".replace(".", ",")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m consultation.demo", description="Génère une base de démonstration synthétique."
    )
    parser.add_argument("--contributions", type=int, default=9000, help="nombre de contributions (9000)")
    parser.add_argument("--seed", type=int, default=2023, help="graine du générateur (2023)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="fichier DuckDB à écrire")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    tables = frames(args.contributions, args.seed)
    built = time.perf_counter()
    meta = {
        "source": "demo",
        "is_demo": "true",
        "seed": str(args.seed),
        "contributions": str(args.contributions),
    }
    path = store.build_database(args.out, tables, meta)
    done = time.perf_counter()
    counts = [tables[t].height for t in ("respondents", "contributions", "answers")]
    print(
        f"Base de démonstration écrite dans {path} (graine {args.seed}) :\n"
        f"  {_fr(counts[0])} répondants, {_fr(counts[1])} contributions, {_fr(counts[2])} réponses\n"
        f"  en {_seconds(done - started)} (génération {_seconds(built - started)}, "
        f"écriture {_seconds(done - built)})"
    )


if __name__ == "__main__":
    main()
