-- respondents_by_region: one row a region of the regions table (the 18 regions in French
-- alphabetical order, then abroad 99 and unknown 00; zero included): its name, population (NULL for 99 and 00), respondent_count,
-- the distinct répondants with at least one filtered contribution, and share_pct of all of them.
-- params: those of filtered_contributions.
WITH fr AS (SELECT DISTINCT respondent_key, region_code FROM {{filtered_contributions}})
SELECT
    r.region_code,
    r.name,
    r.population,
    count(fr.respondent_key)::BIGINT AS respondent_count,
    coalesce(100.0 * count(fr.respondent_key) / nullif(sum(count(fr.respondent_key)) OVER (), 0), 0)::DOUBLE
        AS share_pct
FROM regions AS r
LEFT JOIN fr USING (region_code)
GROUP BY r.region_code, r.name, r.population
ORDER BY r.population IS NULL, r.name COLLATE fr
