-- data_quality_summary: one row: how complete the filtered contributions are.
-- contribution_count, respondent_count, answer_count (same definitions as overview_kpis);
-- incomplete_count: contributions not complete (unpublished, or drafts imported on purpose);
-- empty_contribution_count: contributions without a single réponse;
-- repeat_contribution_count: contributions beyond the first of a répondant on the same theme;
-- unknown_region_count, unknown_sector_count, unknown_organisation_count: répondants whose
-- region / sector / organisation type is « non renseigné »;
-- first_submitted_at, last_submitted_at: the date span.
-- Répondants are counted as the set bits of a bitmap of the dense respondent_key (bitstring_agg),
-- as overview_kpis: cheaper than hashing them (count DISTINCT) at 1M.
-- params: those of filtered_contributions.
WITH fc AS (SELECT * FROM {{filtered_contributions}}),
per_theme AS (
    SELECT respondent_key, theme_id, count(*) AS n FROM fc GROUP BY respondent_key, theme_id
),
who AS (
    SELECT DISTINCT respondent_key, region_code, sector, organisation_type FROM fc
)
SELECT
    (SELECT count(*) FROM fc)::BIGINT AS contribution_count,
    (SELECT coalesce(bit_count(bitstring_agg(respondent_key)), 0) FROM fc)::BIGINT AS respondent_count,
    CASE
        WHEN $question_id::VARCHAR IS NULL AND len($search_terms::VARCHAR[]) = 0 THEN (SELECT coalesce(sum(answer_count), 0) FROM fc)
        ELSE (
            SELECT count(*) FROM {{filtered_answer_keys}}
            WHERE $question_id::VARCHAR IS NOT NULL OR len($search_terms::VARCHAR[]) > 0)
    END::BIGINT AS answer_count,
    (SELECT count(*) FROM fc WHERE NOT is_complete)::BIGINT AS incomplete_count,
    (SELECT count(*) FROM fc WHERE answer_count = 0)::BIGINT AS empty_contribution_count,
    (SELECT coalesce(sum(n - 1), 0) FROM per_theme WHERE n > 1)::BIGINT AS repeat_contribution_count,
    (SELECT count(*) FROM who WHERE region_code = '00')::BIGINT AS unknown_region_count,
    (SELECT count(*) FROM who WHERE sector = 'non_renseigne')::BIGINT AS unknown_sector_count,
    (SELECT count(*) FROM who WHERE organisation_type = 'non_renseigne')::BIGINT AS unknown_organisation_count,
    (SELECT min(submitted_at) FROM fc) AS first_submitted_at,
    (SELECT max(submitted_at) FROM fc) AS last_submitted_at
