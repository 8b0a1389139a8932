-- text_group_sizes: one row a side ('a', 'b') of the split of text_group_term_counts: its open
-- réponses (answer_count) and répondants (respondent_count). Same split and params.
-- Without any filter, from the precomputed text_side_totals ({{no_filter}}; 420 ms at 1M
-- otherwise): answer counts added up and the répondants' bitmaps OR-ed over the side's values.
-- With filters, répondants are counted on their integer key. (Not as bitmap bits, as
-- overview_kpis does: bitstring_agg needs the key's bounds, and DuckDB's binder could not find
-- them through text_voices, a UNION ALL with an aggregate branch: « Could not retrieve required
-- statistics » without one voice.) A day is before $pivot_date when its réponses are
-- (submitted_at < $pivot_date, submitted_at being a TIMESTAMP).
-- params: $split (VARCHAR), $group_a, $group_b (VARCHAR[]), $pivot_date (DATE), $one_voice (BOOLEAN),
--         and those of filtered_contributions.
-- example params: {"split": "periode", "group_a": [], "group_b": [], "pivot_date": "2023-03-09", "one_voice": true}
WITH valued AS (
    SELECT
        CASE $split::VARCHAR WHEN 'profil' THEN v.profile WHEN 'theme' THEN v.theme_id END AS value,
        v.submitted_at::DATE AS day,
        1 AS answer_count,
        v.respondent_key,
        NULL::BIT AS respondents
    FROM {{text_voices}} AS v
    WHERE NOT {{no_filter}}
    UNION ALL
    SELECT value, day, answer_count, NULL, respondents
    FROM text_side_totals
    WHERE {{no_filter}}
      AND split = $split::VARCHAR
      AND (is_voice OR NOT $one_voice::BOOLEAN)
),
sided AS (
    SELECT *,
        CASE $split::VARCHAR
            WHEN 'periode' THEN CASE WHEN day < $pivot_date::DATE THEN 'a' ELSE 'b' END
            WHEN 'profil' THEN CASE WHEN list_contains($group_a::VARCHAR[], value) THEN 'a'
                                    WHEN list_contains($group_b::VARCHAR[], value) THEN 'b' END
            WHEN 'theme' THEN CASE WHEN list_contains($group_a::VARCHAR[], value) THEN 'a'
                                   WHEN list_contains($group_b::VARCHAR[], value) THEN 'b' END
        END AS side
    FROM valued
)
SELECT
    side,
    sum(answer_count)::BIGINT AS answer_count,
    -- one of the two sources is empty
    (count(DISTINCT respondent_key) + coalesce(bit_count(bit_or(respondents)), 0))::BIGINT AS respondent_count
FROM sided
WHERE side IS NOT NULL
GROUP BY side
ORDER BY side
