-- data_quality_summary: one row: how complete the filtered contributions are.
-- contribution_count, respondent_count, answer_count (same definitions as overview_kpis);
-- incomplete_count: contributions not complete (unpublished, or drafts imported on purpose);
-- empty_contribution_count: contributions without a single réponse;
-- repeat_contribution_count: contributions beyond the first of a répondant on the same theme;
-- unknown_region_count, unknown_sector_count, unknown_organisation_count: répondants whose
-- region / sector / organisation type is « non renseigné »;
-- first_submitted_at, last_submitted_at: the date span.
-- params: those of filtered_contributions.
WITH fc AS (SELECT * FROM {{filtered_contributions}}),
answered AS (
    SELECT DISTINCT a.contribution_id FROM answers AS a SEMI JOIN fc USING (contribution_id)
),
per_theme AS (
    SELECT respondent_id, theme_id, count(*) AS n FROM fc GROUP BY respondent_id, theme_id
),
who AS (
    SELECT DISTINCT respondent_id, region_code, sector, organisation_type FROM fc
)
SELECT
    (SELECT count(*) FROM fc)::BIGINT AS contribution_count,
    (SELECT count(DISTINCT respondent_id) FROM fc)::BIGINT AS respondent_count,
    (SELECT count(*) FROM {{filtered_answers}})::BIGINT AS answer_count,
    (SELECT count(*) FROM fc WHERE NOT is_complete)::BIGINT AS incomplete_count,
    (SELECT count(*) FROM fc ANTI JOIN answered USING (contribution_id))::BIGINT AS empty_contribution_count,
    (SELECT coalesce(sum(n - 1), 0) FROM per_theme WHERE n > 1)::BIGINT AS repeat_contribution_count,
    (SELECT count(*) FROM who WHERE region_code = '00')::BIGINT AS unknown_region_count,
    (SELECT count(*) FROM who WHERE sector = 'non_renseigne')::BIGINT AS unknown_sector_count,
    (SELECT count(*) FROM who WHERE organisation_type = 'non_renseigne')::BIGINT AS unknown_organisation_count,
    (SELECT min(submitted_at) FROM fc) AS first_submitted_at,
    (SELECT max(submitted_at) FROM fc) AS last_submitted_at
