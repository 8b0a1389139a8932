-- respondents_by_sector: one row a sector (all, zero included, in display order):
-- respondent_count, the distinct répondants with at least one filtered contribution, and
-- share_pct of all of them.
-- params: those of filtered_contributions.
WITH fr AS (SELECT DISTINCT respondent_key, sector FROM {{filtered_contributions}})
SELECT
    d.code AS sector,
    d.label,
    d.position,
    count(fr.respondent_key)::BIGINT AS respondent_count,
    coalesce(100.0 * count(fr.respondent_key) / nullif(sum(count(fr.respondent_key)) OVER (), 0), 0)::DOUBLE
        AS share_pct
FROM dimension_values AS d
LEFT JOIN fr ON fr.sector = d.code
WHERE d.dimension = 'sector'
GROUP BY ALL
ORDER BY d.position
