-- overview_kpis: one row: the headline counts for the current filters.
-- respondent_count: distinct répondants; contribution_count: contributions;
-- answer_count: réponses (non-empty answers) passing the filters;
-- themes_per_respondent: distinct (répondant, theme) pairs / répondants (NULL when none).
-- params: those of filtered_contributions.
SELECT
    count(DISTINCT fc.respondent_key)::BIGINT AS respondent_count,
    count(*)::BIGINT AS contribution_count,
    -- Without a question or search filter every answer of a contribution counts: the count stored
    -- at build time (contribution_facts.answer_count) spares a join over every answer.
    CASE
        WHEN $question_id::VARCHAR IS NULL AND len($search_terms::VARCHAR[]) = 0 THEN coalesce(sum(fc.answer_count), 0)
        ELSE (
            SELECT count(*) FROM {{filtered_answer_keys}}
            WHERE $question_id::VARCHAR IS NOT NULL OR len($search_terms::VARCHAR[]) > 0)
    END::BIGINT AS answer_count,
    (count(DISTINCT (fc.respondent_key, fc.theme_id)) / nullif(count(DISTINCT fc.respondent_key), 0))::DOUBLE
        AS themes_per_respondent
FROM {{filtered_contributions}} AS fc
