-- filtered_contributions: one row a contribution that passes every filter, with its
-- respondent's profile, sector, organisation type and region.
-- Base query: other queries include it as {{filtered_contributions}}.
-- params: those of contribution_scope, plus
--         $question_id (VARCHAR or NULL: contributions that answered it),
--         $search_terms (VARCHAR[] of normalised terms, each required at a word start in one réponse;
--         empty = no search),
--         $search_pieces, $search_verify, $search_word_starts, $search_anywhere, $search_separators
--         (see search_hits)
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT cs.*
FROM {{contribution_scope}} AS cs
WHERE ($question_id::VARCHAR IS NULL OR EXISTS (
        SELECT 1 FROM answer_index AS qa
        WHERE $question_id::VARCHAR IS NOT NULL
          AND qa.contribution_key = cs.contribution_key
          AND qa.question_id = $question_id::VARCHAR))
  AND (len($search_terms::VARCHAR[]) = 0 OR cs.contribution_key IN (
        SELECT h.contribution_key FROM search_hit_keys AS h
        WHERE $question_id::VARCHAR IS NULL OR h.question_id = $question_id::VARCHAR))
