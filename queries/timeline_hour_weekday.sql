-- timeline_hour_weekday: one row a (profile, day of the week, hour): every profile in display
-- order × 7 days (weekday 1 = Monday … 7 = Sunday) × 24 hours (0–23), zero included:
-- contribution_count, the filtered contributions submitted then (Europe/Paris wall-clock time, as
-- stored), and share_pct of the profile's contributions (NULL when it has none).
-- params: those of filtered_contributions.
WITH counts AS (
    SELECT profile, isodow(submitted_at) AS weekday, hour(submitted_at) AS hour, count(*) AS contribution_count
    FROM {{filtered_contributions}}
    GROUP BY ALL
),
grid AS (
    SELECT d.code AS profile, d.label AS profile_label, d.position AS profile_position, w.weekday, h.hour
    FROM (SELECT * FROM dimension_values WHERE dimension = 'profile') AS d
    CROSS JOIN (SELECT unnest(range(1, 8)) AS weekday) AS w
    CROSS JOIN (SELECT unnest(range(0, 24)) AS hour) AS h
)
SELECT
    g.profile,
    g.profile_label,
    g.profile_position,
    g.weekday::INTEGER AS weekday,
    g.hour::INTEGER AS hour,
    coalesce(c.contribution_count, 0)::BIGINT AS contribution_count,
    (100.0 * coalesce(c.contribution_count, 0)
        / nullif(sum(coalesce(c.contribution_count, 0)) OVER (PARTITION BY g.profile), 0))::DOUBLE AS share_pct
FROM grid AS g
LEFT JOIN counts AS c USING (profile, weekday, hour)
ORDER BY g.profile_position, g.weekday, g.hour
