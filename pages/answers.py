"""Réponses: the analysts' workbench. Combined filters and search over every réponse, a paginated
sortable list, one contribution in full (?contribution=...), one respondent (?repondant=...),
and exports of exactly the filtered list."""

import streamlit as st

from consultation import answers, answers_ui, catalog, db, ui

vocab = catalog.vocabulary()
base = ui.current_filters()
if not ui.can_see_answers():  # presentation mode, or the lecture role
    ui.page_header("Réponses", "Les réponses individuelles.", vocab)
    ui.verbatim(None)  # says why nothing is shown
    st.stop()
contribution_id, bad_contribution = answers.parse_id(
    st.query_params.get_all(answers.CONTRIBUTION_KEY) or None, "contribution"
)
respondent_id, bad_respondent = answers.parse_id(st.query_params.get_all(answers.RESPONDENT_KEY) or None, "répondant")

if contribution_id or respondent_id:
    filters, list_state, problems = answers_ui.url_filters(base, vocab)
    if contribution_id:
        ui.page_header(
            f"Contribution {answers_ui.esc(contribution_id)}",
            "Toutes les questions du questionnaire, dans l'ordre, avec la réponse donnée ou « sans réponse ».",
            vocab,
        )
        answers_ui.show_problems(problems)
        answers_ui.contribution_view(contribution_id, filters, list_state, vocab)
    else:
        ui.page_header(
            f"Répondant {answers_ui.esc(respondent_id)}", "Qui est ce répondant, et toutes ses contributions.", vocab
        )
        answers_ui.show_problems(problems)
        answers_ui.respondent_view(respondent_id, filters, list_state)
    answers_ui.sync_browser_url()
    st.stop()

ui.page_header(
    "Réponses",
    "Lire les réponses elles-mêmes : filtres combinés, recherche dans les textes, chaque contribution en entier, export.",
    vocab,
)
answers_ui.show_problems([p for p in (bad_contribution, bad_respondent) if p])
seeded, problems = answers_ui.seed_from_url(vocab)
answers_ui.show_problems(problems)

filters = answers_ui.refine(base, vocab)
counts = db.run("answer_counts", **filters.sql_params()).row(0, named=True)
ui.filter_sentence(filters, vocab, counts["contribution_count"], counts["respondent_count"])
answers_ui.counts_line(counts)
if not filters.search:
    st.caption(":material/search: Pour chercher des mots, « Rechercher dans les réponses » dans la barre latérale.")

list_state = answers_ui.list_controls()
page, page_problem = answers_ui.current_page(
    seeded, (filters, list_state.sort, list_state.page_size), counts["answer_count"], list_state.page_size
)
list_state = list_state.replace(page=page)
answers_ui.show_problems([page_problem] if page_problem else [])
answers_ui.write_url(filters, list_state)

if counts["answer_count"] == 0:
    st.warning("Aucune réponse ne correspond à ces filtres.", icon=":material/filter_alt_off:")
    st.stop()

rows = db.run("answer_page", **list_state.page_params(counts["answer_count"]), **filters.sql_params())
answers_ui.results(rows, filters, list_state)
answers_ui.pager(counts["answer_count"], list_state)
answers_ui.export_panel(filters, vocab, counts)
