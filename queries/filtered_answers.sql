-- filtered_answers: one row a réponse (non-empty answer) that passes every filter: its
-- contribution is in scope, it belongs to $question_id when set, and when a search is set its
-- text contains every search term. Carries the contribution's columns. (Its contribution then
-- passes filtered_contributions too, so the two agree; the text is read only once.)
-- Base query: other queries include it as {{filtered_answers}}.
-- params: those of filtered_contributions.
SELECT
    cs.*,
    a.question_id,
    a.text,
    a.text_norm,
    a.choices,
    a.number
FROM {{contribution_scope}} AS cs
JOIN answers AS a USING (contribution_id)
WHERE ($question_id::VARCHAR IS NULL OR a.question_id = $question_id::VARCHAR)
  AND (len($search_terms::VARCHAR[]) = 0 OR (
        a.text_norm IS NOT NULL
        AND len(list_filter($search_terms::VARCHAR[], lambda t: NOT contains(a.text_norm, t))) = 0))
