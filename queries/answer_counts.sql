-- answer_counts: one row: the size of the current filtered list of the Réponses page:
-- answer_count (réponses, non-empty answers), contribution_count and respondent_count (distinct
-- répondants), with the same definitions as overview_kpis.
-- params: those of filtered_contributions.
SELECT
    (SELECT count(*) FROM {{filtered_answers}})::BIGINT AS answer_count,
    count(*)::BIGINT AS contribution_count,
    count(DISTINCT fc.respondent_id)::BIGINT AS respondent_count
FROM {{filtered_contributions}} AS fc
