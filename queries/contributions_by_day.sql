-- contributions_by_day: one row a calendar day from the first to the last day of the whole
-- consultation (days without contributions included, as 0), with contribution_count for the
-- current filters.
-- params: those of filtered_contributions.
WITH bounds AS (
    SELECT min(submitted_at)::DATE AS first_day, max(submitted_at)::DATE AS last_day FROM contributions
),
days AS (
    SELECT unnest(generate_series(first_day, last_day, INTERVAL 1 DAY))::DATE AS day FROM bounds
),
counts AS (
    SELECT submitted_at::DATE AS day, count(*) AS contribution_count
    FROM {{filtered_contributions}}
    GROUP BY 1
)
SELECT days.day, coalesce(counts.contribution_count, 0)::BIGINT AS contribution_count
FROM days
LEFT JOIN counts USING (day)
ORDER BY days.day
