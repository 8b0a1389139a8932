-- filtered_answer_keys: one row a réponse (non-empty answer) that passes every filter, like
-- {{filtered_answers}} but without the answer's text and values: what counts and the order of a
-- list need. With a search, the réponses come from the word index alone (search_hits), so
-- counting the matches of a word reads no text at all. Without a search, réponses are read from
-- answer_index (integer keys) rather than the answers themselves.
-- Base query: other queries include it as {{filtered_answer_keys}}.
-- params: those of filtered_contributions.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    cs.*,
    a.question_id
FROM {{contribution_scope}} AS cs
JOIN answer_index AS a ON a.contribution_key = cs.contribution_key
WHERE len($search_terms::VARCHAR[]) = 0
  AND ($question_id::VARCHAR IS NULL OR a.question_id = $question_id::VARCHAR)
UNION ALL
SELECT
    cs.*,
    h.question_id
FROM search_hit_keys AS h
JOIN {{contribution_scope}} AS cs ON cs.contribution_key = h.contribution_key
WHERE len($search_terms::VARCHAR[]) > 0
  AND ($question_id::VARCHAR IS NULL OR h.question_id = $question_id::VARCHAR)
