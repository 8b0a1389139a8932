-- filtered_answers: one row a réponse (non-empty answer) that passes every filter: its
-- contribution is in scope, it belongs to $question_id when set, and when a search is set its
-- text contains every search term. Carries the contribution's columns. (Its contribution then
-- passes filtered_contributions too, so the two agree.) With a search, the réponses come from
-- the word index (search_hit_keys, see search_hits) and their texts from search_answers: only open answers can
-- match, and the 8.5M answers at 1M contributions are not read. Counts and list orders use
-- {{filtered_answer_keys}}, which reads no text.
-- Base query: other queries include it as {{filtered_answers}}.
-- params: those of filtered_contributions.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    cs.*,
    a.question_id,
    a.text,
    a.text_norm,
    a.choices,
    a.number
FROM {{contribution_scope}} AS cs
JOIN answers AS a USING (contribution_id)
WHERE len($search_terms::VARCHAR[]) = 0
  AND ($question_id::VARCHAR IS NULL OR a.question_id = $question_id::VARCHAR)
UNION ALL
SELECT
    cs.*,
    h.question_id,
    sa.text,
    sa.text_norm,
    NULL::VARCHAR[] AS choices,
    NULL::DOUBLE AS number
FROM search_hit_keys AS h
JOIN {{contribution_scope}} AS cs ON cs.contribution_key = h.contribution_key
JOIN search_answers AS sa ON sa.contribution_key = h.contribution_key AND sa.question_key = h.question_key
WHERE len($search_terms::VARCHAR[]) > 0
  AND ($question_id::VARCHAR IS NULL OR h.question_id = $question_id::VARCHAR)
