-- theme_comparison: one row a theme (all six, in questionnaire order, zero included), for the
-- current filters: contribution_count, respondent_count, complete_count and completion_pct
-- (complete contributions / contributions), answer_count (réponses passing the filters, as on the
-- overview), open_question_count, and open_fill_pct: answers to open questions among the filtered
-- contributions / (contributions × open questions of the theme), a property of the contributions
-- that the text search does not change. Percentages are NULL when there is no contribution.
-- Répondants are counted as the set bits of a bitmap of the dense respondent_key (bitstring_agg),
-- as overview_kpis: cheaper than hashing them (count DISTINCT) at 1M.
-- params: those of filtered_contributions.
WITH fc AS (SELECT * FROM {{filtered_contributions}}),
per_theme AS (
    SELECT
        theme_id,
        count(*) AS contribution_count,
        bit_count(bitstring_agg(respondent_key)) AS respondent_count,
        count(*) FILTER (WHERE is_complete) AS complete_count,
        sum(answer_count) AS stored_answer_count
    FROM fc
    GROUP BY theme_id
),
open_questions AS (
    SELECT theme_id, count(*) AS open_question_count FROM questions WHERE kind = 'open' GROUP BY theme_id
),
open_answers AS (
    SELECT theme_id, sum(open_answer_count) AS open_answer_count FROM fc GROUP BY theme_id
),
-- Without a question or search filter, réponses are the counts stored at build time (as on the
-- overview); the guard keeps DuckDB from reading every answer when it is off.
answer_counts AS (
    SELECT theme_id, count(*) AS answer_count FROM {{filtered_answer_keys}}
    WHERE $question_id::VARCHAR IS NOT NULL OR len($search_terms::VARCHAR[]) > 0
    GROUP BY theme_id
)
SELECT
    t.theme_id,
    t.label,
    t.short_label,
    t.color,
    t.position,
    coalesce(p.contribution_count, 0)::BIGINT AS contribution_count,
    coalesce(p.respondent_count, 0)::BIGINT AS respondent_count,
    coalesce(p.complete_count, 0)::BIGINT AS complete_count,
    (100.0 * p.complete_count / nullif(p.contribution_count, 0))::DOUBLE AS completion_pct,
    CASE
        WHEN $question_id::VARCHAR IS NULL AND len($search_terms::VARCHAR[]) = 0 THEN coalesce(p.stored_answer_count, 0)
        ELSE coalesce(ac.answer_count, 0)
    END::BIGINT AS answer_count,
    coalesce(oq.open_question_count, 0)::BIGINT AS open_question_count,
    (100.0 * coalesce(oa.open_answer_count, 0) / nullif(p.contribution_count * oq.open_question_count, 0))::DOUBLE
        AS open_fill_pct
FROM themes AS t
LEFT JOIN per_theme AS p USING (theme_id)
LEFT JOIN open_questions AS oq USING (theme_id)
LEFT JOIN open_answers AS oa USING (theme_id)
LEFT JOIN answer_counts AS ac USING (theme_id)
ORDER BY t.position
