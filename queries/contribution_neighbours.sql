-- contribution_neighbours: one row (none when $contribution_id is not in the current filtered
-- list): its position in the filtered contributions in $sort order, their total, and the
-- previous_id and next_id contributions (NULL at either end). $sort is a contribution order of
-- consultation.answers.contribution_sort: date_desc, date_asc, theme, profil, region.
-- params: those of filtered_contributions, $contribution_id (VARCHAR), $sort (VARCHAR).
-- example params: {"contribution_id": "C1", "sort": "date_desc"}
WITH ranked AS (
    SELECT
        fc.contribution_id,
        row_number() OVER w AS position,
        count(*) OVER () AS total,
        lag(fc.contribution_id) OVER w AS previous_id,
        lead(fc.contribution_id) OVER w AS next_id
    FROM {{filtered_contributions}} AS fc
    JOIN themes AS t ON t.theme_id = fc.theme_id
    LEFT JOIN dimension_values AS p ON p.dimension = 'profile' AND p.code = fc.profile
    LEFT JOIN dimension_values AS rg ON rg.dimension = 'region' AND rg.code = fc.region_code
    WINDOW w AS (
        ORDER BY
            CASE $sort::VARCHAR
                WHEN 'theme' THEN t.position
                WHEN 'profil' THEN p.position
                WHEN 'region' THEN rg.position
                ELSE 0
            END NULLS LAST,
            CASE WHEN $sort::VARCHAR = 'date_asc' THEN epoch_us(fc.submitted_at) ELSE -epoch_us(fc.submitted_at) END,
            fc.contribution_id
    )
)
SELECT position::BIGINT AS position, total::BIGINT AS total, previous_id, next_id
FROM ranked
WHERE contribution_id = $contribution_id::VARCHAR
