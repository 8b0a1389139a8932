-- question_distribution: one row a (closed question of theme $theme_id, choice), in question then
-- choice order, choices nobody picked included as 0: respondent_count, the répondants whose
-- filtered contribution picked the choice (a scale answer picks its number); answered_count, the
-- répondants who answered the question; share_pct = respondent_count / answered_count (multiple
-- choice: shares add up to more than 100). A répondant counts once: when someone submitted the
-- questionnaire more than once, their latest contribution counts. The text search selects
-- contributions, not closed answers: a search shows the closed answers of the contributions that
-- match it.
-- params: $theme_id, and those of filtered_contributions.
-- example params: {"theme_id": "metavers"}
WITH fc AS (
    SELECT contribution_id FROM {{filtered_contributions}} WHERE theme_id = $theme_id::VARCHAR
    QUALIFY row_number() OVER (PARTITION BY respondent_id ORDER BY submitted_at DESC, contribution_id DESC) = 1
),
q AS (
    SELECT question_id, position, kind, choices FROM questions
    WHERE theme_id = $theme_id::VARCHAR AND kind <> 'open'
),
choice_list AS (
    SELECT question_id, position AS question_position, kind, unnest(choices) AS choice,
        generate_subscripts(choices, 1) AS choice_position
    FROM q
),
picked AS (
    SELECT a.question_id,
        CASE WHEN q.kind = 'scale' THEN [CAST(CAST(a.number AS INTEGER) AS VARCHAR)] ELSE a.choices END AS picks
    FROM answers AS a
    JOIN q USING (question_id)
    SEMI JOIN fc USING (contribution_id)
),
answered AS (
    SELECT question_id, count(*) AS answered_count FROM picked GROUP BY question_id
),
chosen AS (
    SELECT question_id, choice, count(*) AS respondent_count
    FROM (SELECT question_id, unnest(list_distinct(picks)) AS choice FROM picked)
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
LEFT JOIN chosen AS ch USING (question_id, choice)
LEFT JOIN answered AS an USING (question_id)
ORDER BY cl.question_position, cl.choice_position
