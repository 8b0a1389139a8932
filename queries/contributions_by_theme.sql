-- contributions_by_theme: one row a theme (all six, in questionnaire order, zero included):
-- contribution_count and respondent_count for the current filters, share_pct of all filtered
-- contributions.
-- params: those of filtered_contributions.
WITH per_theme AS (
    -- Counted on the theme code before the labels are joined, répondants as the set bits of a
    -- bitmap of the dense respondent_key (as overview_kpis): a distinct count grouped by every
    -- label column hashed 1M (labels, respondent) rows (unfiltered at 1M: 250 ms).
    SELECT theme_id, count(*) AS contribution_count, bit_count(bitstring_agg(respondent_key)) AS respondent_count
    FROM {{filtered_contributions}}
    GROUP BY theme_id
)
SELECT
    t.theme_id,
    t.label,
    t.short_label,
    t.color,
    t.position,
    coalesce(pt.contribution_count, 0)::BIGINT AS contribution_count,
    coalesce(pt.respondent_count, 0)::BIGINT AS respondent_count,
    coalesce(100.0 * pt.contribution_count / nullif(sum(pt.contribution_count) OVER (), 0), 0)::DOUBLE AS share_pct
FROM themes AS t
LEFT JOIN per_theme AS pt USING (theme_id)
ORDER BY t.position
