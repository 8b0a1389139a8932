-- theme_profile_mix: one row a (theme, profile), all six themes × all profiles in display order
-- (zero included): respondent_count, the distinct répondants of that profile with a filtered
-- contribution to the theme, and share_pct of the theme's répondants (NULL when it has none).
-- params: those of filtered_contributions.
WITH counts AS (
    -- one bit a répondant in each (theme, profile) bitmap (bitstring_agg of the dense
    -- respondent_key): cheaper than a DISTINCT over every contribution at 1M
    SELECT theme_id, profile, bit_count(bitstring_agg(respondent_key)) AS respondent_count
    FROM {{filtered_contributions}}
    GROUP BY ALL
)
SELECT
    t.theme_id,
    t.short_label AS theme_short_label,
    t.position AS theme_position,
    d.code AS profile,
    d.label AS profile_label,
    d.position AS profile_position,
    coalesce(c.respondent_count, 0)::BIGINT AS respondent_count,
    (100.0 * coalesce(c.respondent_count, 0) / nullif(sum(coalesce(c.respondent_count, 0)) OVER (PARTITION BY t.theme_id), 0))::DOUBLE
        AS share_pct
FROM themes AS t
CROSS JOIN (SELECT * FROM dimension_values WHERE dimension = 'profile') AS d
LEFT JOIN counts AS c ON c.theme_id = t.theme_id AND c.profile = d.code
ORDER BY t.position, d.position
