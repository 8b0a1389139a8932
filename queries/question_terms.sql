-- question_terms: one row a (open question of theme $theme_id, term): its $limit most frequent
-- terms, most frequent first, among the réponses passing the filters. Terms are those of the
-- Textes page (answer_terms, precomputed by consultation.text: lemmas of content words and
-- frequent bigrams), shown by their usual written form (text_terms.label); terms in $excluded
-- (words of the whole consultation's subject) are left out. answer_count: réponses that use the
-- term; occurrence_count: its occurrences; share_pct: answer_count / réponses to the question.
-- params: $theme_id, $excluded (VARCHAR[]), $limit (per question), and those of filtered_contributions.
-- example params: {"theme_id": "metavers", "excluded": ["numérique"], "limit": 10}
WITH fa AS (
    SELECT contribution_id, question_id FROM {{filtered_answers}}
    WHERE theme_id = $theme_id::VARCHAR AND text IS NOT NULL
),
totals AS (SELECT question_id, count(*) AS question_answer_count FROM fa GROUP BY question_id),
counted AS (
    SELECT t.question_id, t.term, count(*) AS answer_count, sum(t.n) AS occurrence_count
    FROM answer_terms AS t
    SEMI JOIN fa ON fa.contribution_id = t.contribution_id AND fa.question_id = t.question_id
    WHERE t.theme_id = $theme_id::VARCHAR AND NOT list_contains($excluded::VARCHAR[], t.term)
    GROUP BY ALL
)
SELECT
    c.question_id,
    c.term,
    coalesce(tt.label, c.term) AS label,
    c.answer_count::BIGINT AS answer_count,
    c.occurrence_count::BIGINT AS occurrence_count,
    (100.0 * c.answer_count / t.question_answer_count)::DOUBLE AS share_pct
FROM counted AS c
JOIN totals AS t USING (question_id)
LEFT JOIN text_terms AS tt USING (term)
QUALIFY row_number() OVER (PARTITION BY c.question_id ORDER BY c.answer_count DESC, c.occurrence_count DESC, c.term)
    <= $limit::INTEGER
ORDER BY c.question_id, c.answer_count DESC, c.occurrence_count DESC, c.term
