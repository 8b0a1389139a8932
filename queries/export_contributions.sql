-- export_contributions: one row a contribution of the current filtered list, in date order,
-- with its theme and its respondent's labels (the fixed columns of the wide export).
-- params: those of filtered_contributions.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    fc.contribution_id,
    fc.respondent_id,
    fc.submitted_at,
    fc.theme_id,
    t.label AS theme_label,
    p.label AS profile_label,
    s.label AS sector_label,
    o.label AS organisation_label,
    rg.label AS region_label,
    fc.is_complete
FROM {{filtered_contributions}} AS fc
JOIN themes AS t ON t.theme_id = fc.theme_id
LEFT JOIN dimension_values AS p ON p.dimension = 'profile' AND p.code = fc.profile
LEFT JOIN dimension_values AS s ON s.dimension = 'sector' AND s.code = fc.sector
LEFT JOIN dimension_values AS o ON o.dimension = 'organisation_type' AND o.code = fc.organisation_type
LEFT JOIN dimension_values AS rg ON rg.dimension = 'region' AND rg.code = fc.region_code
ORDER BY fc.submitted_at, fc.contribution_id
