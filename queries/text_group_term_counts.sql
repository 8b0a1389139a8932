-- text_group_term_counts: one row a (side, term) when the open réponses passing the filters are
-- split in two groups, side 'a' and side 'b': occurrence_count and answer_count of the term on
-- that side (the counts of the log-odds of consultation.text.log_odds). Réponses in neither
-- group are left out. The split, chosen from a whitelist by the page:
--   'profil'  : respondent profile in $group_a vs in $group_b;
--   'theme'   : theme in $group_a vs in $group_b;
--   'periode' : submitted before the day $pivot_date vs on or after it.
-- Without any filter, the counts are added up from the precomputed text_side_term_totals
-- ({{no_filter}}; 860 ms at 1M otherwise). The two branches give a réponse its side with the
-- same CASE, written twice on purpose: one CASE over the union of both sources (as
-- text_group_sizes does) read that union twice, 1.15-1.2x slower with a theme or date filter at
-- 1M (measured, same rows). text_group_sizes says why a day's side is its réponses' side.
-- params: $split (VARCHAR), $group_a, $group_b (VARCHAR[]), $pivot_date (DATE), $one_voice (BOOLEAN),
--         and those of filtered_contributions.
-- example params: {"split": "profil", "group_a": ["citoyen"], "group_b": ["professionnel"], "pivot_date": "2023-03-09", "one_voice": false}
WITH valued AS (
    SELECT
        v.contribution_key,
        v.question_key,
        CASE $split::VARCHAR WHEN 'profil' THEN v.profile WHEN 'theme' THEN v.theme_id END AS value,
        v.submitted_at::DATE AS day
    FROM {{text_voices}} AS v
    WHERE NOT {{no_filter}}
),
sided AS (
    SELECT contribution_key, question_key,
        CASE $split::VARCHAR
            WHEN 'periode' THEN CASE WHEN day < $pivot_date::DATE THEN 'a' ELSE 'b' END
            WHEN 'profil' THEN CASE WHEN list_contains($group_a::VARCHAR[], value) THEN 'a'
                                    WHEN list_contains($group_b::VARCHAR[], value) THEN 'b' END
            WHEN 'theme' THEN CASE WHEN list_contains($group_a::VARCHAR[], value) THEN 'a'
                                   WHEN list_contains($group_b::VARCHAR[], value) THEN 'b' END
        END AS side
    FROM valued
),
used AS (
    -- counted on integer keys (term_lists: a réponse's terms in one row); only then each term
    -- gets its texts
    SELECT s.side, unnest(tl.term_keys) AS term_key, unnest(tl.ns) AS n
    FROM sided AS s
    JOIN term_lists AS tl ON tl.contribution_key = s.contribution_key AND tl.question_key = s.question_key
    WHERE s.side IS NOT NULL
),
totals AS (
    SELECT
        CASE $split::VARCHAR
            WHEN 'periode' THEN CASE WHEN day < $pivot_date::DATE THEN 'a' ELSE 'b' END
            WHEN 'profil' THEN CASE WHEN list_contains($group_a::VARCHAR[], value) THEN 'a'
                                    WHEN list_contains($group_b::VARCHAR[], value) THEN 'b' END
            WHEN 'theme' THEN CASE WHEN list_contains($group_a::VARCHAR[], value) THEN 'a'
                                   WHEN list_contains($group_b::VARCHAR[], value) THEN 'b' END
        END AS side,
        term_key,
        occurrence_count,
        answer_count
    FROM text_side_term_totals
    WHERE {{no_filter}}
      AND split = $split::VARCHAR
      AND (is_voice OR NOT $one_voice::BOOLEAN)
),
counts AS (
    SELECT side, term_key, sum(n)::BIGINT AS occurrence_count, count(*)::BIGINT AS answer_count
    FROM used
    GROUP BY side, term_key
    UNION ALL
    SELECT side, term_key, sum(occurrence_count)::BIGINT, sum(answer_count)::BIGINT
    FROM totals
    WHERE side IS NOT NULL
    GROUP BY side, term_key
)
SELECT c.side, t.term, tt.label, tt.search, c.occurrence_count, c.answer_count
FROM counts AS c
JOIN term_keys AS t ON t.term_key = c.term_key
JOIN text_terms AS tt ON tt.term = t.term
ORDER BY c.side, t.term
