-- timeline_contributions: one row a (period, theme): every day ($period = 'day') or every ISO
-- week starting on Monday ($period = 'week', whitelisted by the caller) from the first to the last
-- day of the whole consultation, × all six themes (zero included, as on contributions_by_day):
-- contribution_count for the current filters and cumulative_count, the theme's running total.
-- Summed over the themes, a day's contribution_count is contributions_by_day's.
-- params: $period, and those of filtered_contributions.
-- example params: {"period": "week"}
WITH bounds AS (
    SELECT
        date_trunc($period::VARCHAR, min(submitted_at))::DATE AS first_period,
        date_trunc($period::VARCHAR, max(submitted_at))::DATE AS last_period
    FROM contributions
),
periods AS (
    SELECT unnest(generate_series(
        first_period, last_period,
        CASE WHEN $period::VARCHAR = 'week' THEN INTERVAL 7 DAY ELSE INTERVAL 1 DAY END
    ))::DATE AS period_start
    FROM bounds
),
counts AS (
    SELECT date_trunc($period::VARCHAR, submitted_at)::DATE AS period_start, theme_id, count(*) AS contribution_count
    FROM {{filtered_contributions}}
    GROUP BY ALL
)
SELECT
    p.period_start,
    t.theme_id,
    t.short_label AS theme_short_label,
    t.color AS theme_color,
    t.position AS theme_position,
    coalesce(c.contribution_count, 0)::BIGINT AS contribution_count,
    sum(coalesce(c.contribution_count, 0)) OVER (PARTITION BY t.theme_id ORDER BY p.period_start)::BIGINT
        AS cumulative_count
FROM periods AS p
CROSS JOIN themes AS t
LEFT JOIN counts AS c ON c.period_start = p.period_start AND c.theme_id = t.theme_id
ORDER BY p.period_start, t.position
