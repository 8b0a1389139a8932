-- respondent_contributions: one row a contribution of $respondent_id, in date order, with its
-- theme, completeness, answer_count (réponses) and matches_filters (whether it is in the
-- current filtered list).
-- Read from contribution_facts, whose answer_count is the réponses counted once at build time
-- (counting them in answers here scanned 8.4M rows: 210 ms at 1M).
-- params: those of filtered_contributions, $respondent_id (VARCHAR).
-- example params: {"respondent_id": "R1"}
WITH own AS (
    SELECT * FROM contribution_facts WHERE respondent_id = $respondent_id::VARCHAR
)
SELECT
    own.contribution_id,
    own.theme_id,
    t.label AS theme_label,
    t.short_label AS theme_short_label,
    t.color AS theme_color,
    own.submitted_at,
    own.is_complete,
    own.answer_count::BIGINT AS answer_count,
    own.contribution_id IN (
        SELECT fc.contribution_id FROM {{filtered_contributions}} AS fc WHERE fc.respondent_id = $respondent_id::VARCHAR
    ) AS matches_filters
FROM own
JOIN themes AS t USING (theme_id)
ORDER BY own.submitted_at, own.contribution_id
