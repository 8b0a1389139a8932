-- contributions_by_theme: one row a theme (all six, in questionnaire order, zero included):
-- contribution_count and respondent_count for the current filters, share_pct of all filtered
-- contributions.
-- params: those of filtered_contributions.
WITH fc AS (SELECT * FROM {{filtered_contributions}})
SELECT
    t.theme_id,
    t.label,
    t.short_label,
    t.color,
    t.position,
    count(fc.contribution_id)::BIGINT AS contribution_count,
    count(DISTINCT fc.respondent_key)::BIGINT AS respondent_count,
    coalesce(100.0 * count(fc.contribution_id) / nullif(sum(count(fc.contribution_id)) OVER (), 0), 0)::DOUBLE
        AS share_pct
FROM themes AS t
LEFT JOIN fc USING (theme_id)
GROUP BY ALL
ORDER BY t.position
