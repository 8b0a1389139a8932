-- answer_counts: one row: the size of the current filtered list of the Réponses page:
-- answer_count (réponses, non-empty answers), contribution_count and respondent_count (distinct
-- répondants), with the same definitions as overview_kpis.
-- Répondants are counted as the set bits of a bitmap of the dense respondent_key (bitstring_agg),
-- as overview_kpis: cheaper than hashing them (count DISTINCT) at 1M.
-- params: those of filtered_contributions.
SELECT
    -- Without a question or search filter every answer of a contribution counts: the count stored
    -- at build time (contribution_facts.answer_count) spares a join over every answer.
    CASE
        WHEN $question_id::VARCHAR IS NULL AND len($search_terms::VARCHAR[]) = 0 THEN coalesce(sum(fc.answer_count), 0)
        ELSE (
            SELECT count(*) FROM {{filtered_answer_keys}}
            WHERE $question_id::VARCHAR IS NOT NULL OR len($search_terms::VARCHAR[]) > 0)
    END::BIGINT AS answer_count,
    count(*)::BIGINT AS contribution_count,
    coalesce(bit_count(bitstring_agg(fc.respondent_key)), 0)::BIGINT AS respondent_count
FROM {{filtered_contributions}} AS fc
