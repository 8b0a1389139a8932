-- contribution_scope: one row a contribution that passes the filters on the contribution and its
-- respondent (theme, profile, sector, organisation type, region, dates, completeness, a chosen
-- answer), with the respondent's profile, sector, organisation type and region, the integer
-- keys of the contribution and respondent, and its number of réponses (all, and to open
-- questions). Ignores the question and search filters: filtered_contributions and
-- filtered_answers add them.
-- Base query: included as {{contribution_scope}}.
-- params: $themes, $profiles, $sectors, $organisation_types, $regions (VARCHAR[]; empty = all),
--         $date_from, $date_to (DATE or NULL, both inclusive), $complete (BOOLEAN or NULL),
--         $answer_question_id, $answer_choice (VARCHAR or NULL: contributions that chose this answer)
-- Reads contribution_facts (queries/build/facts.sql): contributions with their respondent's
-- dimensions copied in, so no query joins the respondents at run time.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    c.contribution_id,
    c.respondent_id,
    c.theme_id,
    c.submitted_at,
    c.is_complete,
    c.source_id,
    c.profile,
    c.sector,
    c.organisation_type,
    c.region_code,
    c.contribution_key,
    c.respondent_key,
    c.answer_count,
    c.open_answer_count
FROM contribution_facts AS c
WHERE (len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], c.theme_id))
  AND (len($profiles::VARCHAR[]) = 0 OR list_contains($profiles::VARCHAR[], c.profile))
  AND (len($sectors::VARCHAR[]) = 0 OR list_contains($sectors::VARCHAR[], c.sector))
  AND (len($organisation_types::VARCHAR[]) = 0 OR list_contains($organisation_types::VARCHAR[], c.organisation_type))
  AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], c.region_code))
  AND ($date_from::DATE IS NULL OR c.submitted_at >= $date_from::DATE)
  AND ($date_to::DATE IS NULL OR c.submitted_at < $date_to::DATE + INTERVAL 1 DAY)
  AND ($complete::BOOLEAN IS NULL OR c.is_complete = $complete::BOOLEAN)
  -- The constant guard is repeated inside each subquery so that DuckDB skips the join over
  -- every answer when the filter is off (measured 2-5x faster at 1M contributions).
  AND ($answer_question_id::VARCHAR IS NULL OR EXISTS (
        SELECT 1 FROM answers AS ca
        WHERE $answer_question_id::VARCHAR IS NOT NULL
          AND ca.contribution_id = c.contribution_id
          AND ca.question_id = $answer_question_id::VARCHAR
          AND (list_contains(ca.choices, $answer_choice::VARCHAR)
               OR CAST(ca.number AS VARCHAR) = $answer_choice::VARCHAR
               OR CAST(CAST(ca.number AS INTEGER) AS VARCHAR) = $answer_choice::VARCHAR)))
