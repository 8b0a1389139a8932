-- filtered_contributions: one row a contribution that passes every filter, with its
-- respondent's profile, sector, organisation type and region.
-- Base query: other queries include it as {{filtered_contributions}}.
-- params: those of contribution_scope, plus
--         $question_id (VARCHAR or NULL: contributions that answered it),
--         $search_terms (VARCHAR[] of normalised terms, all required in one réponse; empty = no search)
SELECT cs.*
FROM {{contribution_scope}} AS cs
WHERE ($question_id::VARCHAR IS NULL OR EXISTS (
        SELECT 1 FROM answers AS qa
        WHERE $question_id::VARCHAR IS NOT NULL
          AND qa.contribution_id = cs.contribution_id
          AND qa.question_id = $question_id::VARCHAR))
  AND (len($search_terms::VARCHAR[]) = 0 OR EXISTS (
        SELECT 1 FROM answers AS sa
        WHERE len($search_terms::VARCHAR[]) > 0
          AND sa.contribution_id = cs.contribution_id
          AND sa.text_norm IS NOT NULL
          AND ($question_id::VARCHAR IS NULL OR sa.question_id = $question_id::VARCHAR)
          AND len(list_filter($search_terms::VARCHAR[], lambda t: NOT contains(sa.text_norm, t))) = 0))
