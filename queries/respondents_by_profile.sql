-- respondents_by_profile: one row a profile (all, zero included): respondent_count, the
-- distinct répondants with at least one filtered contribution, and share_pct of all of them.
-- params: those of filtered_contributions.
WITH fr AS (
    -- a répondant's profile is theirs: one bit a répondant in each profile's bitmap
    SELECT profile, bit_count(bitstring_agg(respondent_key)) AS respondent_count
    FROM {{filtered_contributions}}
    GROUP BY profile
)
SELECT
    d.code AS profile,
    d.label,
    d.plural_label,
    d.position,
    coalesce(fr.respondent_count, 0)::BIGINT AS respondent_count,
    coalesce(100.0 * fr.respondent_count / nullif(sum(fr.respondent_count) OVER (), 0), 0)::DOUBLE AS share_pct
FROM dimension_values AS d
LEFT JOIN fr ON fr.profile = d.code
WHERE d.dimension = 'profile'
ORDER BY d.position
