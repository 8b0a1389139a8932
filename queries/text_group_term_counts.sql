-- text_group_term_counts: one row a (side, term) when the open réponses passing the filters are
-- split in two groups, side 'a' and side 'b': occurrence_count and answer_count of the term on
-- that side (the counts of the log-odds of consultation.text.log_odds). Réponses in neither
-- group are left out. The split, chosen from a whitelist by the page:
--   'profil'  : respondent profile in $group_a vs in $group_b;
--   'theme'   : theme in $group_a vs in $group_b;
--   'periode' : submitted before the day $pivot_date vs on or after it.
-- params: $split (VARCHAR), $group_a, $group_b (VARCHAR[]), $pivot_date (DATE), $one_voice (BOOLEAN),
--         and those of filtered_contributions.
-- example params: {"split": "profil", "group_a": ["citoyen"], "group_b": ["professionnel"], "pivot_date": "2023-03-09", "one_voice": false}
WITH sided AS (
    SELECT v.contribution_key, v.question_key,
        CASE $split::VARCHAR
            WHEN 'profil' THEN CASE WHEN list_contains($group_a::VARCHAR[], v.profile) THEN 'a'
                                    WHEN list_contains($group_b::VARCHAR[], v.profile) THEN 'b' END
            WHEN 'theme' THEN CASE WHEN list_contains($group_a::VARCHAR[], v.theme_id) THEN 'a'
                                   WHEN list_contains($group_b::VARCHAR[], v.theme_id) THEN 'b' END
            WHEN 'periode' THEN CASE WHEN v.submitted_at < $pivot_date::DATE THEN 'a' ELSE 'b' END
        END AS side
    FROM {{text_voices}} AS v
),
used AS (
    -- counted on integer keys (term_lists: a réponse's terms in one row); only then each term
    -- gets its texts
    SELECT s.side, unnest(tl.term_keys) AS term_key, unnest(tl.ns) AS n
    FROM sided AS s
    JOIN term_lists AS tl ON tl.contribution_key = s.contribution_key AND tl.question_key = s.question_key
    WHERE s.side IS NOT NULL
),
counts AS (
    SELECT side, term_key, sum(n)::BIGINT AS occurrence_count, count(*)::BIGINT AS answer_count
    FROM used
    GROUP BY side, term_key
)
SELECT c.side, t.term, tt.label, tt.search, c.occurrence_count, c.answer_count
FROM counts AS c
JOIN term_keys AS t ON t.term_key = c.term_key
JOIN text_terms AS tt ON tt.term = t.term
ORDER BY c.side, t.term
