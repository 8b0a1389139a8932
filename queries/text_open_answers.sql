-- text_open_answers: one row an open réponse (an answer with text) passing the filters: the same
-- réponses as {{filtered_answers}} with a text, read from the precomputed open_answer_facts on
-- integer keys (rows in theme order: a theme filter reads only that theme). With its
-- contribution's theme, respondent, profile and date, its group of near-identical answers (NULL
-- when alone), and its keys (contribution_key, question_key) for term_index.
-- Base query: other text queries include it as {{text_open_answers}}.
-- params: those of filtered_contributions.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    fc.contribution_id,
    sq.question_id,
    fc.theme_id,
    fc.respondent_id,
    fc.profile,
    fc.submitted_at,
    g.group_id,
    fc.contribution_key,
    o.question_key
FROM {{filtered_contributions}} AS fc
JOIN open_answer_facts AS o ON o.contribution_key = fc.contribution_key
JOIN search_questions AS sq ON sq.question_key = o.question_key
LEFT JOIN duplicate_group_keys AS g ON g.contribution_key = o.contribution_key AND g.question_key = o.question_key
WHERE ($question_id::VARCHAR IS NULL OR sq.question_id = $question_id::VARCHAR)
  AND (len($search_terms::VARCHAR[]) = 0 OR EXISTS (
        SELECT 1 FROM search_hit_keys AS h
        WHERE h.contribution_key = fc.contribution_key AND h.question_key = o.question_key))
