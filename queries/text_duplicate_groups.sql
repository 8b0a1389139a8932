-- text_duplicate_groups: one row a group of identical or near-identical réponses to one question
-- (duplicate_groups) among the réponses passing the filters, with at least $min_size of them:
-- answer_count, respondent_count, first and last submission, répondants by profile, and the
-- group's first réponse as an example (example_contribution_id and question_id: the page reads
-- its text by key, catalog.verbatims; joining the answers here read the texts of every row group
-- the examples fall in). Répondants are counted on their integer keys. Largest groups first, at
-- most $limit.
-- params: $min_size, $limit (INTEGER), and those of filtered_contributions.
-- example params: {"min_size": 2, "limit": 20}
WITH groups AS (
    SELECT
        group_id,
        any_value(question_id) AS question_id,
        count(*)::BIGINT AS answer_count,
        count(DISTINCT respondent_key)::BIGINT AS respondent_count,
        count(DISTINCT respondent_key) FILTER (WHERE profile = 'professionnel')::BIGINT AS professionnel_count,
        count(DISTINCT respondent_key) FILTER (WHERE profile = 'numerique')::BIGINT AS numerique_count,
        count(DISTINCT respondent_key) FILTER (WHERE profile = 'citoyen')::BIGINT AS citoyen_count,
        min(submitted_at) AS first_at,
        max(submitted_at) AS last_at,
        min(contribution_id) AS example_contribution_id
    FROM (
        -- The grouped réponses (190k at 1M, all of them open réponses) kept as
        -- {{open_answer_keys}} keeps réponses: DuckDB joined every filtered réponse (2.4M) to its
        -- group through {{text_open_answers}}, 1.5x slower without a filter.
        SELECT g.group_id, sq.question_id, fc.respondent_key, fc.profile, fc.submitted_at, fc.contribution_id
        FROM duplicate_group_keys AS g
        JOIN {{filtered_contributions}} AS fc ON fc.contribution_key = g.contribution_key
        JOIN search_questions AS sq ON sq.question_key = g.question_key
        WHERE ($question_id::VARCHAR IS NULL OR sq.question_id = $question_id::VARCHAR)
          AND (len($search_terms::VARCHAR[]) = 0 OR EXISTS (
                SELECT 1 FROM search_hit_keys AS h
                WHERE h.contribution_key = g.contribution_key AND h.question_key = g.question_key))
    )
    GROUP BY group_id
    HAVING count(*) >= $min_size::INTEGER
    ORDER BY answer_count DESC, group_id
    LIMIT $limit::INTEGER
)
SELECT g.group_id, g.question_id, q.theme_id, q.label AS question_label, g.answer_count, g.respondent_count,
       g.professionnel_count, g.numerique_count, g.citoyen_count, g.first_at, g.last_at,
       g.example_contribution_id
FROM groups AS g
JOIN questions AS q USING (question_id)
ORDER BY g.answer_count DESC, g.group_id
