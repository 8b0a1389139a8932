-- question_distribution: one row a (closed question of theme $theme_id, choice), in question then
-- choice order, choices nobody picked included as 0: respondent_count, the répondants whose
-- filtered contribution picked the choice (a scale answer picks its number); answered_count, the
-- répondants who answered the question; share_pct = respondent_count / answered_count (multiple
-- choice: shares add up to more than 100). A répondant counts once: when someone submitted the
-- questionnaire more than once, their latest contribution counts. The text search selects
-- contributions, not closed answers: a search shows the closed answers of the contributions that
-- match it.
-- Counts integer keys: answered from answer_index, picks from closed_picks (queries/build/facts.sql).
-- params: $theme_id, and those of filtered_contributions.
-- example params: {"theme_id": "metavers"}
WITH fc AS (
    -- contribution_key follows (theme, submitted_at, contribution_id): within a theme, the
    -- highest key is the latest contribution.
    SELECT contribution_key FROM {{filtered_contributions}} WHERE theme_id = $theme_id::VARCHAR
    QUALIFY row_number() OVER (PARTITION BY respondent_key ORDER BY contribution_key DESC) = 1
),
q AS (
    SELECT sq.question_key, q.question_id, q.position, q.kind, q.choices
    FROM questions AS q
    JOIN search_questions AS sq USING (question_id)
    WHERE q.theme_id = $theme_id::VARCHAR AND q.kind <> 'open'
),
choice_list AS (
    SELECT question_key, question_id, position AS question_position, kind, unnest(choices) AS choice,
        generate_subscripts(choices, 1) AS choice_position
    FROM q
),
answered AS (
    SELECT ai.question_id, count(*) AS answered_count
    FROM answer_index AS ai
    SEMI JOIN fc USING (contribution_key)
    WHERE ai.question_id IN (SELECT question_id FROM q)
    GROUP BY ai.question_id
),
chosen AS (
    SELECT cp.question_key, cp.choice_position, count(*) AS respondent_count
    FROM closed_picks AS cp
    SEMI JOIN fc USING (contribution_key)
    WHERE cp.question_key IN (SELECT question_key FROM q)
    GROUP BY ALL
)
SELECT
    cl.question_id,
    cl.question_position,
    cl.kind,
    cl.choice,
    cl.choice_position,
    coalesce(ch.respondent_count, 0)::BIGINT AS respondent_count,
    coalesce(an.answered_count, 0)::BIGINT AS answered_count,
    (100.0 * coalesce(ch.respondent_count, 0) / nullif(an.answered_count, 0))::DOUBLE AS share_pct
FROM choice_list AS cl
LEFT JOIN chosen AS ch USING (question_key, choice_position)
LEFT JOIN answered AS an USING (question_id)
ORDER BY cl.question_position, cl.choice_position
