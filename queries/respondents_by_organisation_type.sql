-- respondents_by_organisation_type: one row a kind of organisation (all, zero included, in
-- display order): respondent_count, the distinct répondants with at least one filtered
-- contribution, and share_pct of all of them.
-- params: those of filtered_contributions.
WITH fr AS (SELECT DISTINCT respondent_key, organisation_type FROM {{filtered_contributions}})
SELECT
    d.code AS organisation_type,
    d.label,
    d.position,
    count(fr.respondent_key)::BIGINT AS respondent_count,
    coalesce(100.0 * count(fr.respondent_key) / nullif(sum(count(fr.respondent_key)) OVER (), 0), 0)::DOUBLE
        AS share_pct
FROM dimension_values AS d
LEFT JOIN fr ON fr.organisation_type = d.code
WHERE d.dimension = 'organisation_type'
GROUP BY ALL
ORDER BY d.position
