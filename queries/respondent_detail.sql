-- respondent_detail: one row (none when unknown) for $respondent_id: profile, sector,
-- organisation type and region (codes and labels) and contribution_count. Not filtered.
-- params: $respondent_id (VARCHAR).
-- example params: {"respondent_id": "R1"}
SELECT
    r.respondent_id,
    r.profile,
    p.label AS profile_label,
    r.sector,
    s.label AS sector_label,
    r.organisation_type,
    o.label AS organisation_label,
    r.region_code,
    rg.label AS region_label,
    (SELECT count(*) FROM contributions AS c WHERE c.respondent_id = r.respondent_id)::BIGINT AS contribution_count
FROM respondents AS r
LEFT JOIN dimension_values AS p ON p.dimension = 'profile' AND p.code = r.profile
LEFT JOIN dimension_values AS s ON s.dimension = 'sector' AND s.code = r.sector
LEFT JOIN dimension_values AS o ON o.dimension = 'organisation_type' AND o.code = r.organisation_type
LEFT JOIN dimension_values AS rg ON rg.dimension = 'region' AND rg.code = r.region_code
WHERE r.respondent_id = $respondent_id::VARCHAR
