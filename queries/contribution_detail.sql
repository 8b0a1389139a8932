-- contribution_detail: one row (none when unknown) for $contribution_id: the contribution, its
-- theme, its respondent's profile, sector, organisation type and region (codes and labels), and
-- its answer_count (réponses). Not filtered: a shared link opens the contribution whatever the filters.
-- params: $contribution_id (VARCHAR).
-- example params: {"contribution_id": "C1"}
SELECT
    c.contribution_id,
    c.respondent_id,
    c.theme_id,
    t.label AS theme_label,
    t.color AS theme_color,
    c.submitted_at,
    c.is_complete,
    c.source_id,
    r.profile,
    p.label AS profile_label,
    r.sector,
    s.label AS sector_label,
    r.organisation_type,
    o.label AS organisation_label,
    r.region_code,
    rg.label AS region_label,
    (SELECT count(*) FROM answers AS a WHERE a.contribution_id = c.contribution_id)::BIGINT AS answer_count
FROM contributions AS c
JOIN respondents AS r USING (respondent_id)
JOIN themes AS t USING (theme_id)
LEFT JOIN dimension_values AS p ON p.dimension = 'profile' AND p.code = r.profile
LEFT JOIN dimension_values AS s ON s.dimension = 'sector' AND s.code = r.sector
LEFT JOIN dimension_values AS o ON o.dimension = 'organisation_type' AND o.code = r.organisation_type
LEFT JOIN dimension_values AS rg ON rg.dimension = 'region' AND rg.code = r.region_code
WHERE c.contribution_id = $contribution_id::VARCHAR
