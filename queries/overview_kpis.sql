-- overview_kpis: one row: the headline counts for the current filters.
-- respondent_count: distinct répondants; contribution_count: contributions;
-- answer_count: réponses (non-empty answers) passing the filters;
-- themes_per_respondent: distinct (répondant, theme) pairs / répondants (NULL when none).
-- params: those of filtered_contributions.
SELECT
    count(DISTINCT fc.respondent_id)::BIGINT AS respondent_count,
    count(*)::BIGINT AS contribution_count,
    (SELECT count(*) FROM {{filtered_answers}})::BIGINT AS answer_count,
    (count(DISTINCT (fc.respondent_id, fc.theme_id)) / nullif(count(DISTINCT fc.respondent_id), 0))::DOUBLE
        AS themes_per_respondent
FROM {{filtered_contributions}} AS fc
