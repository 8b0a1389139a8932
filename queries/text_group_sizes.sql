-- text_group_sizes: one row a side ('a', 'b') of the split of text_group_term_counts: its open
-- réponses (answer_count) and répondants (respondent_count). Same split and params.
-- Répondants are counted on their integer key. (Not as bitmap bits, as overview_kpis does:
-- bitstring_agg needs the key's bounds, and DuckDB's binder could not find them through
-- text_voices, a UNION ALL with an aggregate branch: « Could not retrieve required statistics »
-- without one voice.)
-- params: $split (VARCHAR), $group_a, $group_b (VARCHAR[]), $pivot_date (DATE), $one_voice (BOOLEAN),
--         and those of filtered_contributions.
-- example params: {"split": "periode", "group_a": [], "group_b": [], "pivot_date": "2023-03-09", "one_voice": true}
WITH sided AS (
    SELECT v.respondent_key,
        CASE $split::VARCHAR
            WHEN 'profil' THEN CASE WHEN list_contains($group_a::VARCHAR[], v.profile) THEN 'a'
                                    WHEN list_contains($group_b::VARCHAR[], v.profile) THEN 'b' END
            WHEN 'theme' THEN CASE WHEN list_contains($group_a::VARCHAR[], v.theme_id) THEN 'a'
                                   WHEN list_contains($group_b::VARCHAR[], v.theme_id) THEN 'b' END
            WHEN 'periode' THEN CASE WHEN v.submitted_at < $pivot_date::DATE THEN 'a' ELSE 'b' END
        END AS side
    FROM {{text_voices}} AS v
)
SELECT side, count(*)::BIGINT AS answer_count, count(DISTINCT respondent_key)::BIGINT AS respondent_count
FROM sided
WHERE side IS NOT NULL
GROUP BY side
ORDER BY side
