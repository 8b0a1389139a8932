-- text_open_answers: one row an open réponse (an answer with text) passing the filters: the same
-- réponses as {{filtered_answers}} with a text, read from the precomputed open_answers (rows in
-- theme order: a theme filter reads only that theme). With its contribution's theme, respondent,
-- profile and date, and its group of near-identical answers (NULL when alone).
-- Base query: other text queries include it as {{text_open_answers}}.
-- params: those of filtered_contributions.
SELECT
    fc.contribution_id,
    oa.question_id,
    fc.theme_id,
    fc.respondent_id,
    fc.profile,
    fc.submitted_at,
    g.group_id
FROM {{filtered_contributions}} AS fc
JOIN open_answers AS oa ON oa.theme_id = fc.theme_id AND oa.contribution_id = fc.contribution_id
LEFT JOIN duplicate_groups AS g ON g.contribution_id = oa.contribution_id AND g.question_id = oa.question_id
WHERE ($question_id::VARCHAR IS NULL OR oa.question_id = $question_id::VARCHAR)
  AND (len($search_terms::VARCHAR[]) = 0 OR EXISTS (
        SELECT 1 FROM {{search_hits}} AS h
        WHERE h.contribution_key = fc.contribution_key AND h.question_id = oa.question_id))
