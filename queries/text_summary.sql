-- text_summary: one row, the open réponses passing the filters: answer_count (réponses with
-- text), voice_count (réponses once each group of near-identical answers counts once, when
-- $one_voice; else answer_count), grouped_answer_count (réponses inside such a group),
-- respondent_count and contribution_count (their authors and contributions).
-- Without any filter, the same row from the precomputed text_totals ({{no_filter}}; 240 ms at
-- 1M otherwise).
-- Authors and contributions are counted as the set bits of bitmaps of their dense integer keys
-- (bitstring_agg, as overview_kpis): distinct counts on VARCHAR ids cost several times more.
-- params: $one_voice (BOOLEAN), and those of filtered_contributions.
-- example params: {"one_voice": true}
WITH oa AS (SELECT contribution_key, respondent_key, group_id FROM {{text_open_answers}}),
counted AS (
    SELECT
        count(*)::BIGINT AS answer_count,
        CASE WHEN $one_voice::BOOLEAN
             THEN count(*) FILTER (WHERE group_id IS NULL) + count(DISTINCT group_id)
             ELSE count(*) END::BIGINT AS voice_count,
        count(group_id)::BIGINT AS grouped_answer_count,
        coalesce(bit_count(bitstring_agg(respondent_key)), 0)::BIGINT AS respondent_count,
        coalesce(bit_count(bitstring_agg(contribution_key)), 0)::BIGINT AS contribution_count
    FROM oa
)
SELECT * FROM counted WHERE NOT {{no_filter}}
UNION ALL
SELECT
    answer_count,
    CASE WHEN $one_voice::BOOLEAN THEN voice_count ELSE answer_count END AS voice_count,
    grouped_answer_count,
    respondent_count,
    contribution_count
FROM text_totals
WHERE {{no_filter}}
