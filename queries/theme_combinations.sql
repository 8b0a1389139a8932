-- theme_combinations: one row a combination of themes that at least one répondant answered
-- exactly (among filtered contributions), most frequent first, at most $limit rows:
-- theme_ids (list, in questionnaire order), theme_count, respondent_count, and share_pct of all
-- filtered répondants.
-- params: those of filtered_contributions, $limit (INTEGER).
-- example params: {"limit": 10}
-- A respondent's set of themes is a bit mask (bit position-1 a theme): grouping integers is
-- much faster than grouping lists at a million contributions.
WITH masks AS (
    SELECT fc.respondent_id, bit_or(1::BIGINT << (t.position - 1)) AS mask
    FROM {{filtered_contributions}} AS fc
    JOIN themes AS t USING (theme_id)
    GROUP BY fc.respondent_id
),
combos AS (
    SELECT mask, count(*) AS respondent_count FROM masks GROUP BY mask
),
labelled AS (
    SELECT
        c.mask,
        c.respondent_count,
        list(t.theme_id ORDER BY t.position) AS theme_ids,
        list(t.position ORDER BY t.position) AS positions
    FROM combos AS c
    JOIN themes AS t ON (c.mask >> (t.position - 1)) & 1 = 1
    GROUP BY c.mask, c.respondent_count
)
SELECT
    theme_ids,
    len(theme_ids)::INTEGER AS theme_count,
    respondent_count::BIGINT AS respondent_count,
    (100.0 * respondent_count / sum(respondent_count) OVER ())::DOUBLE AS share_pct
FROM labelled
ORDER BY respondent_count DESC, len(positions), positions
LIMIT $limit
