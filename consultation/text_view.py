"""What the Textes page computes between the queries and the figures (no layout here).

Word-cloud terms and colours, distinctive terms (log-odds) as a table, the topic model and
its verbatims; the slow ones cached per database version and arguments.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import polars as pl
import streamlit as st

from consultation import db, export, fr, reference, text, text_campaigns, text_controls, text_topics, ui
from consultation.charts import texts as text_charts
from consultation.charts.base import BLEU_FRANCE
from consultation.filters import Filters, Vocabulary

CLOUD_TERMS = 80
LIST_TERMS = 15
DISTINCTIVE_PER_SIDE = 15
TOPIC_MAX_ANSWERS = 6000
TOPIC_EXAMPLES = 4
# Words of the consultation's own subject, in almost every answer of every theme: left out of
# the word cloud (as on the Thèmes page), kept everywhere else.
CONSULTATION_TERMS = ("numérique", "culture", "culturel")


def theme_color(theme_id: str | None) -> str:
    return reference.THEME_COLORS.get(theme_id or "", BLEU_FRANCE)


def cloud_color(filters: Filters, vocab: Vocabulary) -> str:
    """The theme's colour when the view is about one theme (or one of its questions), else
    Bleu France (whose tints draw the less used words)."""
    themes = set(filters.themes)
    if filters.question_id in vocab.questions:
        themes = {vocab.questions[filters.question_id][0]}
    return theme_color(next(iter(themes))) if len(themes) == 1 else BLEU_FRANCE


def cloud_query(filters: Filters, one_voice: bool) -> tuple[str, dict]:
    """The named query and params of the most used terms (term, label, search, is_bigram,
    answer_count, occurrence_count), for db.run_many: the page runs it beside its summary."""
    common = dict(one_voice=one_voice, hidden_terms=list(CONSULTATION_TERMS), limit=CLOUD_TERMS)
    # without any filter, the query reads the precomputed totals itself (queries/no_filter.sql)
    return "text_term_counts", {**filters.sql_params(), **common}


def cloud_terms(terms: pl.DataFrame, minimum: int | None = None) -> pl.DataFrame:
    """The rows of cloud_query, less the terms used by fewer than ``minimum`` réponses
    (small-group protection)."""
    return terms.filter(pl.col("answer_count") >= minimum) if minimum else terms


@st.cache_data(max_entries=64, show_spinner=False)
def _cloud_png(version: str, terms: tuple[tuple[str, int], ...], color: str) -> bytes:
    return text_charts.word_cloud_png(list(terms), color)


def cloud_png(terms: pl.DataFrame, color: str) -> bytes:
    pairs = tuple(zip(terms["label"].to_list(), terms["answer_count"].to_list(), strict=True))
    return _cloud_png(db.database_version(), pairs, color)


def distinctive(counts: pl.DataFrame, per_side: int = DISTINCTIVE_PER_SIDE, minimum: int = 0) -> pl.DataFrame:
    """The terms that most distinguish side a from side b (queries/text_group_term_counts.sql):
    label, search, delta, z, side ('a' when z > 0), answer_count_a/_b, occurrence_count_a/_b;
    the ``per_side`` highest z of each side with z beyond ±1.96. Terms used by fewer than
    ``minimum`` réponses on both sides together are left out."""
    columns = {"term": pl.String, "label": pl.String, "search": pl.String, "delta": pl.Float64, "z": pl.Float64,
               "side": pl.String, "answer_count_a": pl.Int64, "answer_count_b": pl.Int64,
               "occurrence_count_a": pl.Int64, "occurrence_count_b": pl.Int64}  # fmt: skip
    if counts.height == 0:
        return pl.DataFrame(schema=columns)
    wide = counts.pivot(on="side", index=["term", "label", "search"], values=["occurrence_count", "answer_count"])
    for column in ("occurrence_count_a", "occurrence_count_b", "answer_count_a", "answer_count_b"):
        if column not in wide.columns:  # one side used no term at all
            wide = wide.with_columns(pl.lit(0, dtype=pl.Int64).alias(column))
    wide = wide.fill_null(0)
    scores = text.log_odds(
        dict(zip(wide["term"], wide["occurrence_count_a"], strict=True)),
        dict(zip(wide["term"], wide["occurrence_count_b"], strict=True)),
    )
    scored = pl.DataFrame(scores, schema={"term": pl.String, "delta": pl.Float64, "z": pl.Float64}, orient="row")
    out = wide.join(scored, on="term").filter(
        (pl.col("answer_count_a") + pl.col("answer_count_b")) >= minimum, pl.col("z").abs() >= 1.96
    )
    out = out.with_columns(pl.when(pl.col("z") > 0).then(pl.lit("a")).otherwise(pl.lit("b")).alias("side"))
    top_a = out.filter(pl.col("side") == "a").sort(["z", "term"], descending=[True, False]).head(per_side)
    top_b = out.filter(pl.col("side") == "b").sort(["z", "term"]).head(per_side)
    return pl.concat([top_a, top_b]).select(list(columns)).cast(columns)


@st.cache_data(max_entries=32, show_spinner=False)
def _topic_model(version: str, params: tuple, one_voice: bool, k: int, seed: int) -> text_topics.TopicModel | None:
    rows = db.run("text_topic_terms", **dict(_thaw(params)), one_voice=one_voice, max_answers=TOPIC_MAX_ANSWERS)
    return text_topics.fit(rows, k, seed, examples=TOPIC_EXAMPLES)


def topic_model(filters: Filters, one_voice: bool, k: int, seed: int = text_topics.DEFAULT_SEED):
    """The topics of the filtered open réponses (at most TOPIC_MAX_ANSWERS, drawn reproducibly)."""
    return _topic_model(db.database_version(), _freeze(filters.sql_params()), one_voice, k, seed)


def _freeze(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _thaw(params: tuple) -> list[tuple]:
    return [(k, list(v) if isinstance(v, tuple) else v) for k, v in params]


# --- Words shown around the results ---------------------------------------------------------------

CLOUD_NOTE = (
    "Taille des mots : nombre de réponses qui les emploient. Les mots sont ramenés à leur forme de dictionnaire "
    "(musées et musée comptent ensemble), les expressions fréquentes restent entières (intelligence artificielle) "
    "et leurs mots n'y sont pas comptés une seconde fois : « intelligence » compte les réponses qui l'emploient hors "
    "de cette expression. Les mots vides et « numérique », « culture », communs à toute la consultation, sont écartés."
)
LOG_ODDS_NOTE = (
    "Méthode : log-odds pondéré avec un a priori de Dirichlet informatif (Monroe, Colaresi et Quinn, 2008) sur les "
    "occurrences des termes, l'a priori étant l'ensemble des deux groupes. Seuls les termes dont le score z dépasse "
    "±1,96 (différence significative au seuil de 5 %) sont montrés. Cliquez sur une barre pour lire les réponses "
    "du groupe qui emploient le terme."
)
MIN_GROUP_SIZE = 3
CAMPAIGN_NOTE = (
    f"Groupes d'au moins {MIN_GROUP_SIZE} réponses identiques ou presque à une même question : réponses d'au moins "
    f"{text_campaigns.MIN_WORDS} mots qui partagent l'essentiel de leurs suites de trois mots (empreintes MinHash), "
    f"et réponses de {text_campaigns.MIN_COPY_WORDS} à {text_campaigns.MIN_WORDS - 1} mots recopiées à l'identique "
    f"(majuscules, accents et ponctuation mis à part) par au moins {text_campaigns.MIN_COPIES} contributions et 1 % "
    f"des réponses à la question. Les réponses de moins de {text_campaigns.MIN_COPY_WORDS} mots (« Oui », « RAS », "
    "« Je ne sais pas ») ne forment jamais un groupe. L'interrupteur « Compter une campagne comme une seule voix » "
    "réduit chaque groupe à une réponse dans les autres vues."
)


def question_title(vocab: Vocabulary, question_id: str, width: int = 110) -> str:
    theme, label, _kind, _choices = vocab.questions.get(question_id, ("", question_id, "", ()))
    title = f"{vocab.label('theme', theme)} — {label}"
    return title if len(title) <= width else title[: width - 1] + "…"


def summary_kpis(summary: dict, one_voice: bool) -> list[tuple[str, str, str]]:
    respondents = summary["respondent_count"]
    items = [
        ("Réponses ouvertes", ui.count_label(summary["answer_count"], respondents=respondents),
         "Réponses non vides aux questions ouvertes, avec ces filtres."),
        ("Leurs auteurs", ui.count_label(respondents), "Répondants distincts qui ont écrit au moins une de ces réponses."),
        ("Quasi identiques", ui.count_label(summary["grouped_answer_count"], respondents=respondents),
         "Réponses identiques ou presque à celle d'au moins un autre répondant, paires comprises. La vue "
         f"« Campagnes » liste les groupes d'au moins {MIN_GROUP_SIZE} réponses."),
    ]  # fmt: skip
    if one_voice:
        items.append(
            ("Voix comptées", ui.count_label(summary["voice_count"], respondents=respondents),
             "Réponses une fois chaque groupe quasi identique compté pour une seule.")
        )  # fmt: skip
    return items


def cloud_alt(terms: pl.DataFrame, sentence: str) -> str:
    top = ", ".join(
        f"{r['label']} ({fr.plural(r['answer_count'], 'réponse')})" for r in terms.head(8).iter_rows(named=True)
    )
    return (
        f"Nuage des {terms.height} termes les plus employés dans les réponses ouvertes ({sentence}). "
        f"Les plus fréquents : {top}. La liste à côté donne chaque terme et son nombre de réponses."
    )


def data_expander(df: pl.DataFrame, columns: dict[str, str], file_name: str, key: str) -> None:
    """ "Voir les données": the table behind a view that is not a plotly chart, and its CSV."""
    table = df.select([pl.col(c).alias(label) for c, label in columns.items()])
    with st.expander("Voir les données", icon=":material/table:"):
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button("Télécharger ces données (CSV)", export.csv_bytes(table), file_name=f"{file_name}.csv",
                           mime="text/csv", key=f"{key}_csv", icon=":material/download:")  # fmt: skip


# --- Distinctive terms -------------------------------------------------------------------------------


def comparison_filters(scope: Filters, split: str) -> Filters:
    """The filters of a comparison: the compared dimension is chosen by the groups, not the sidebar."""
    if split == "profil":
        return scope.replace(profiles=())
    if split == "theme":
        return scope.replace(themes=(), question_id=None)
    return scope


def comparison_problem(sizes: dict, name_a: str, name_b: str, threshold: int | None) -> str | None:
    for side, name in (("a", name_a), ("b", name_b)):
        if name == "–":
            return "Choisissez au moins un profil dans chacun des deux groupes (un profil ne peut être des deux côtés)."
        if side not in sizes or sizes[side]["answer_count"] == 0:
            return f"Aucune réponse ouverte pour « {name} » avec ces filtres : rien à comparer."
        if threshold and sizes[side]["respondent_count"] < threshold:
            return f"Moins de {threshold} répondants pour « {name} » : la comparaison est masquée."
    return None


def comparison_title(sizes: dict, name_a: str, name_b: str) -> str:
    a, b = sizes["a"]["answer_count"], sizes["b"]["answer_count"]
    title = f"{name_a} ({fr.plural(a, 'réponse')}) face {_to(name_b)} ({fr.plural(b, 'réponse')})"
    return title[:1].upper() + title[1:]


def _to(name: str) -> str:
    """« à » before a group name: « aux autres thèmes », « aux citoyens et aux… », « à Métavers »."""
    return re.sub(r"\bles ", "aux ", name) if name.startswith("les ") else "à " + name


def _of(name: str) -> str:
    """« de » before a group name: « des autres thèmes », « de la période… », « de Métavers »."""
    return re.sub(r"\bles ", "des ", name) if name.startswith("les ") else "de " + name


def side_color(controls: text_controls.TextControls, vocab: Vocabulary) -> str:
    if controls.split == "theme" and controls.group_a:
        return theme_color(controls.group_a[0])
    return BLEU_FRANCE


def distinctive_alt(table: pl.DataFrame, name_a: str, name_b: str) -> str:
    def names(side: str) -> str:
        return ", ".join(table.filter(side=side)["label"].head(6).to_list()) or "aucun"

    return (
        f"Termes qui distinguent le plus {name_a} {_of(name_b)}, par score z. "
        f"Plus fréquents pour {name_a} : {names('a')}. Plus fréquents pour {name_b} : {names('b')}."
    )


def clicked_term(event, table: pl.DataFrame) -> dict | None:
    """The row of ``table`` whose bar was clicked in the distinctive-terms chart, if any."""
    points = (getattr(event, "selection", None) or {}).get("points", []) if event else []
    if not points:
        return None
    label = points[0].get("y")
    rows = table.filter(label=label)
    return rows.row(0, named=True) if rows.height else None


def side_link_params(base: dict, controls, group_a, group_b, row: dict) -> dict:
    """URL params of the Réponses page for the réponses of the clicked term's side."""
    params = {**base, "q": row["search"]}
    side = row["side"]
    if controls.split == "profil":
        params["profil"] = list(group_a if side == "a" else group_b)
    elif controls.split == "theme":
        params["theme"] = list(group_a if side == "a" else group_b)
    elif controls.pivot:
        if side == "a":
            params["au"] = min(
                controls.pivot - timedelta(days=1), date.fromisoformat(base.get("au", "9999-12-31"))
            ).isoformat()
        else:
            params["du"] = max(controls.pivot, date.fromisoformat(base.get("du", "0001-01-01"))).isoformat()
    return params


# --- Topics and campaigns -------------------------------------------------------------------------


def profile_labels(vocab: Vocabulary) -> dict[str, str]:
    return {code: plural[0].upper() + plural[1:] for code, (_l, plural) in vocab.labels.get("profile", {}).items()}


def topics_note(model: text_topics.TopicModel, summary: dict) -> str:
    voices = summary["voice_count"]
    sample = (
        f" (échantillon reproductible de {fr.integer(model.answer_count)} réponses sur {fr.integer(voices)})"
        if model.answer_count < voices
        else ""
    )
    return (
        f"{fr.plural(model.answer_count, 'réponse')} analysées{sample}, {fr.plural(model.term_count, 'terme')} "
        f"employés par au moins {text_topics.MIN_ANSWERS_PER_TERM} d'entre elles. Sujets trouvés sans modèle de "
        "langue, par factorisation en matrices non négatives (NMF) des termes pondérés TF-IDF : mêmes filtres et "
        "même nombre de sujets donnent toujours les mêmes sujets. Chaque réponse compte dans son sujet principal."
    )


def topics_alt(model: text_topics.TopicModel) -> str:
    first = model.topics[0]
    return (
        f"Répartition par profil des réponses de chacun des {len(model.topics)} sujets. Sujet le plus fréquent : "
        f"« {first.label} » ({fr.plural(first.answer_count, 'réponse')})."
    )


def topic_title(topic: text_topics.Topic, model: text_topics.TopicModel) -> str:
    share = 100 * topic.answer_count / max(model.answer_count, 1)
    return f"Sujet {topic.number} · {topic.label} — {fr.plural(topic.answer_count, 'réponse')} ({fr.percent(share)})"


CAMPAIGN_COLUMNS = {
    "Question": st.column_config.TextColumn(width="medium"),
    "Réponses": st.column_config.NumberColumn(width="small"),
    "Répondants": st.column_config.TextColumn(width="small"),
    "Du": st.column_config.TextColumn(width="small"),
    "Au": st.column_config.TextColumn(width="small"),
    "Profils des répondants": st.column_config.TextColumn(width="large"),
}


def campaign_table(groups: pl.DataFrame, vocab: Vocabulary) -> pl.DataFrame:
    """The groups as shown: question, réponses, répondants, dates, profiles (small counts hidden)."""
    names = profile_labels(vocab)
    long = groups.select(
        "group_id", *(pl.col(f"{p}_count").alias(p) for p in ("professionnel", "numerique", "citoyen"))
    ).unpivot(index="group_id", variable_name="profile", value_name="respondent_count")
    long = ui.protect(long, "respondent_count", group_by=["group_id"])
    mix = {
        g: " · ".join(f"{names.get(p, p)} {t}" for p, n, t in zip(part["profile"], part["respondent_count"], part["respondent_count_text"], strict=True) if n != 0)
        for (g,), part in long.group_by("group_id", maintain_order=True)
    }  # fmt: skip
    return pl.DataFrame(
        {
            "Question": [question_title(vocab, q, 400) for q in groups["question_id"]],
            "Réponses": groups["answer_count"],
            "Répondants": [ui.count_label(n) for n in groups["respondent_count"]],
            "Du": [fr.day(d) for d in groups["first_at"]],
            "Au": [fr.day(d) for d in groups["last_at"]],
            "Profils des répondants": [mix.get(g, "") for g in groups["group_id"]],
        }
    )


def campaign_title(row: dict, vocab: Vocabulary) -> str:
    return (
        f"{fr.plural(row['answer_count'], 'réponse')} quasi identiques · {question_title(vocab, row['question_id'], 60)}"
        f" · du {fr.day(row['first_at'])} au {fr.day(row['last_at'])}"
    )


def campaign_alt(row: dict, days: pl.DataFrame) -> str:
    peak = days.sort(["answer_count", "day"], descending=[True, False]).row(0, named=True) if days.height else None
    text_peak = f", pic le {fr.day(peak['day'])} ({fr.plural(peak['answer_count'], 'réponse')})" if peak else ""
    return (
        f"Réponses de ce groupe par jour : {fr.plural(row['answer_count'], 'réponse')} du {fr.day(row['first_at'])} "
        f"au {fr.day(row['last_at'])}{text_peak}."
    )
