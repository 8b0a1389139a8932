-- data_quality_summary: one row: how complete the filtered contributions are.
-- contribution_count, respondent_count, answer_count (same definitions as overview_kpis);
-- incomplete_count: contributions not complete (unpublished, or drafts imported on purpose);
-- empty_contribution_count: contributions without a single réponse;
-- repeat_contribution_count: contributions beyond the first of a répondant on the same theme
-- (contributions less distinct (répondant, theme) pairs);
-- unknown_region_count, unknown_sector_count, unknown_organisation_count: répondants whose
-- region / sector / organisation type is « non renseigné » (a répondant's own columns, copied on
-- each of their contributions);
-- first_submitted_at, last_submitted_at: the date span.
-- Répondants and (répondant, theme) pairs are counted as the set bits of bitmaps of the dense
-- respondent_key (bitstring_agg, a pair as in overview_kpis), all in one pass over the
-- contributions: at 1M, grouping them by répondant and theme and by répondant cost 270 ms.
-- params: those of filtered_contributions.
WITH fc AS (
    SELECT fc.*, fc.respondent_key * (SELECT max(position) + 1 FROM themes) + t.position AS pair_key
    FROM {{filtered_contributions}} AS fc
    JOIN themes AS t USING (theme_id)  -- every contribution's theme is one of them (imports check it)
)
SELECT
    count(*)::BIGINT AS contribution_count,
    coalesce(bit_count(bitstring_agg(respondent_key)), 0)::BIGINT AS respondent_count,
    CASE
        WHEN $question_id::VARCHAR IS NULL AND len($search_terms::VARCHAR[]) = 0 THEN coalesce(sum(answer_count), 0)
        ELSE (
            SELECT count(*) FROM {{filtered_answer_keys}}
            WHERE $question_id::VARCHAR IS NOT NULL OR len($search_terms::VARCHAR[]) > 0)
    END::BIGINT AS answer_count,
    count(*) FILTER (WHERE NOT is_complete)::BIGINT AS incomplete_count,
    count(*) FILTER (WHERE answer_count = 0)::BIGINT AS empty_contribution_count,
    (count(*) - coalesce(bit_count(bitstring_agg(pair_key)), 0))::BIGINT AS repeat_contribution_count,
    coalesce(bit_count(bitstring_agg(respondent_key) FILTER (WHERE region_code = '00')), 0)::BIGINT
        AS unknown_region_count,
    coalesce(bit_count(bitstring_agg(respondent_key) FILTER (WHERE sector = 'non_renseigne')), 0)::BIGINT
        AS unknown_sector_count,
    coalesce(bit_count(bitstring_agg(respondent_key) FILTER (WHERE organisation_type = 'non_renseigne')), 0)::BIGINT
        AS unknown_organisation_count,
    min(submitted_at) AS first_submitted_at,
    max(submitted_at) AS last_submitted_at
FROM fc
