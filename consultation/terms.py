"""Frequent terms of open answers on the Thèmes page.

The terms are those of the Textes page: consultation/text.py precomputes them when a database is
built (answer_terms: lemmas of content words, French stopwords of the ``stop-words`` package and
a domain list left out, elisions split, frequent bigrams kept), so queries/question_terms.sql
only counts them, at any scale. On top of that, the Thèmes page leaves out the few words of the
consultation's own subject, present in most answers of every theme, which would otherwise top
every list.
"""

from __future__ import annotations

# Lemmas, as consultation.text.lemma gives them (culturelles → culturel).
CONSULTATION_TERMS = ("numérique", "culture", "culturel")

TERM_RULE = (
    "Mots comptés une fois par réponse, sous leur forme de dictionnaire (musée pour musées), hors mots vides "
    "et mots communs à toute la consultation (numérique, culture, culturel)."
)
