-- data_quality_questions: one row a question of a theme that has filtered contributions, in
-- questionnaire order: how many of those contributions answered it (answer_count: réponses, the
-- text search is not applied to them) and how many left it empty (empty_count, empty_pct).
-- Without any filter ({{no_filter}}) the réponses a question come from the precomputed
-- question_answer_totals (290 ms at 1M otherwise: 8.4M answer keys).
-- params: those of filtered_contributions.
WITH fc AS (SELECT contribution_key, theme_id FROM {{filtered_contributions}}),
per_theme AS (SELECT theme_id, count(*) AS contribution_count FROM fc GROUP BY theme_id),
per_question AS (
    -- answer_index holds every answer on integer keys (the answers themselves: 8.4M VARCHAR ids)
    SELECT a.question_id, count(*) AS answer_count
    FROM answer_index AS a
    SEMI JOIN fc USING (contribution_key)
    WHERE NOT {{no_filter}}
    GROUP BY a.question_id
    UNION ALL
    SELECT question_id, answer_count FROM question_answer_totals WHERE {{no_filter}}
)
SELECT
    q.question_id,
    q.theme_id,
    t.short_label AS theme_short_label,
    q.position,
    q.label,
    q.kind,
    pt.contribution_count::BIGINT AS contribution_count,
    coalesce(pq.answer_count, 0)::BIGINT AS answer_count,
    (pt.contribution_count - coalesce(pq.answer_count, 0))::BIGINT AS empty_count,
    round(100.0 * (pt.contribution_count - coalesce(pq.answer_count, 0)) / pt.contribution_count, 1)::DOUBLE AS empty_pct
FROM questions AS q
JOIN themes AS t USING (theme_id)
JOIN per_theme AS pt USING (theme_id)
LEFT JOIN per_question AS pq USING (question_id)
ORDER BY t.position, q.position
