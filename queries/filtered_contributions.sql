-- filtered_contributions: one row a contribution that passes every filter, with its
-- respondent's profile, sector, organisation type and region.
-- Base query: other queries include it as {{filtered_contributions}}.
-- params: $themes, $profiles, $sectors, $organisation_types, $regions (VARCHAR[]; empty = all),
--         $date_from, $date_to (DATE or NULL, both inclusive),
--         $complete (BOOLEAN or NULL), $question_id (VARCHAR or NULL: contributions that answered it),
--         $search_terms (VARCHAR[] of normalised terms, all required in one réponse; empty = no search),
--         $answer_question_id, $answer_choice (VARCHAR or NULL: contributions that chose this answer)
SELECT
    c.contribution_id,
    c.respondent_id,
    c.theme_id,
    c.submitted_at,
    c.is_complete,
    c.source_id,
    r.profile,
    r.sector,
    r.organisation_type,
    r.region_code
FROM contributions AS c
JOIN respondents AS r USING (respondent_id)
WHERE (len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], c.theme_id))
  AND (len($profiles::VARCHAR[]) = 0 OR list_contains($profiles::VARCHAR[], r.profile))
  AND (len($sectors::VARCHAR[]) = 0 OR list_contains($sectors::VARCHAR[], r.sector))
  AND (len($organisation_types::VARCHAR[]) = 0 OR list_contains($organisation_types::VARCHAR[], r.organisation_type))
  AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], r.region_code))
  AND ($date_from::DATE IS NULL OR c.submitted_at >= $date_from::DATE)
  AND ($date_to::DATE IS NULL OR c.submitted_at < $date_to::DATE + INTERVAL 1 DAY)
  AND ($complete::BOOLEAN IS NULL OR c.is_complete = $complete::BOOLEAN)
  AND ($question_id::VARCHAR IS NULL OR EXISTS (
        SELECT 1 FROM answers AS qa
        WHERE qa.contribution_id = c.contribution_id AND qa.question_id = $question_id::VARCHAR))
  AND ($answer_question_id::VARCHAR IS NULL OR EXISTS (
        SELECT 1 FROM answers AS ca
        WHERE ca.contribution_id = c.contribution_id
          AND ca.question_id = $answer_question_id::VARCHAR
          AND (list_contains(ca.choices, $answer_choice::VARCHAR)
               OR CAST(ca.number AS VARCHAR) = $answer_choice::VARCHAR
               OR CAST(CAST(ca.number AS INTEGER) AS VARCHAR) = $answer_choice::VARCHAR)))
  AND (len($search_terms::VARCHAR[]) = 0 OR EXISTS (
        SELECT 1 FROM answers AS sa
        WHERE sa.contribution_id = c.contribution_id
          AND sa.text_norm IS NOT NULL
          AND ($question_id::VARCHAR IS NULL OR sa.question_id = $question_id::VARCHAR)
          AND len(list_filter($search_terms::VARCHAR[], lambda t: NOT contains(sa.text_norm, t))) = 0))
