-- text_open_answers: one row an open réponse (an answer with text) passing the filters, as
-- {{open_answer_keys}} gives them (read on integer keys from the precomputed open_answer_facts,
-- in theme order: a theme filter reads only that theme). With its contribution's theme,
-- respondent (id and integer key), profile and date, its group of near-identical answers (NULL when alone), and its
-- keys (contribution_key, question_key) for term_lists.
-- Base query: other text queries include it as {{text_open_answers}}.
-- params: those of filtered_contributions.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    oa.contribution_id,
    oa.question_id,
    oa.theme_id,
    oa.respondent_id,
    oa.respondent_key,
    oa.profile,
    oa.submitted_at,
    g.group_id,
    oa.contribution_key,
    oa.question_key
FROM {{open_answer_keys}} AS oa
LEFT JOIN duplicate_group_keys AS g ON g.contribution_key = oa.contribution_key AND g.question_key = oa.question_key
