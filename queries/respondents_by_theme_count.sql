-- respondents_by_theme_count: one row a number of themes, 1 to 6 (zero included): respondent_count,
-- the répondants who answered exactly that many questionnaires among their filtered
-- contributions, and share_pct of all filtered répondants.
-- params: those of filtered_contributions.
WITH per_respondent AS (
    SELECT fc.respondent_key, bit_count(bit_or(1::BIGINT << (t.position - 1))) AS theme_count
    FROM {{filtered_contributions}} AS fc
    JOIN themes AS t USING (theme_id)
    GROUP BY fc.respondent_key
),
counts AS (SELECT unnest(range(1, (SELECT count(*) FROM themes) + 1)) AS theme_count)
SELECT
    counts.theme_count::INTEGER AS theme_count,
    count(p.respondent_key)::BIGINT AS respondent_count,
    coalesce(100.0 * count(p.respondent_key) / nullif(sum(count(p.respondent_key)) OVER (), 0), 0)::DOUBLE
        AS share_pct
FROM counts
LEFT JOIN per_respondent AS p USING (theme_count)
GROUP BY counts.theme_count
ORDER BY counts.theme_count
