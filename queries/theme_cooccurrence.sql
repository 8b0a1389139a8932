-- theme_cooccurrence: one row an ordered pair of themes (all 6 × 6, zero included, in
-- questionnaire order): respondent_count, the répondants with filtered contributions to both
-- (on the diagonal: to that theme), and share_pct of the répondants of theme_a who also answered theme_b.
-- params: those of filtered_contributions.
-- Each répondant's set of themes is a bit mask (bit position-1 a theme); pairs are counted from
-- the few distinct masks rather than by joining répondants with themselves.
WITH masks AS (
    SELECT fc.respondent_id, bit_or(1::BIGINT << (t.position - 1)) AS mask
    FROM {{filtered_contributions}} AS fc
    JOIN themes AS t USING (theme_id)
    GROUP BY fc.respondent_id
),
combos AS (SELECT mask, count(*) AS respondent_count FROM masks GROUP BY mask),
both_themes AS (
    SELECT a.theme_id AS theme_a, b.theme_id AS theme_b, sum(c.respondent_count) AS respondent_count
    FROM combos AS c
    JOIN themes AS a ON (c.mask >> (a.position - 1)) & 1 = 1
    JOIN themes AS b ON (c.mask >> (b.position - 1)) & 1 = 1
    GROUP BY a.theme_id, b.theme_id
)
SELECT
    ta.theme_id AS theme_a,
    tb.theme_id AS theme_b,
    ta.short_label AS label_a,
    tb.short_label AS label_b,
    ta.position AS position_a,
    tb.position AS position_b,
    coalesce(bt.respondent_count, 0)::BIGINT AS respondent_count,
    coalesce(100.0 * bt.respondent_count / nullif(diag.respondent_count, 0), 0)::DOUBLE AS share_pct
FROM themes AS ta
CROSS JOIN themes AS tb
LEFT JOIN both_themes AS bt ON bt.theme_a = ta.theme_id AND bt.theme_b = tb.theme_id
LEFT JOIN both_themes AS diag ON diag.theme_a = ta.theme_id AND diag.theme_b = ta.theme_id
ORDER BY ta.position, tb.position
