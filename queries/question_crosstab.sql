-- question_crosstab: one row a (closed question of theme $theme_id, group, choice): the groups are
-- the values of the respondent dimension $dimension ('profile', 'sector' or 'organisation_type',
-- whitelisted by the caller) that have at least one répondant who answered the question, no
-- value ("Non renseigné") included; respondent_count, the répondants of the group whose filtered
-- contribution picked the choice (a scale answer picks its number; 0 included);
-- group_answered_count, those of the group who answered the question. A répondant counts once:
-- when someone submitted the questionnaire more than once, their latest contribution counts. The
-- text search selects contributions, not closed answers: a search shows the closed answers of
-- the contributions that match it.
-- Summed over the groups, the cells give the distribution of the answers
-- (consultation.stats.distribution): the page reads it from here rather than from a query of its own.
-- Counts integer keys: answered from answer_index, picks from closed_picks (queries/build/facts.sql).
-- params: $theme_id, $dimension, and those of filtered_contributions.
-- example params: {"theme_id": "metavers", "dimension": "profile"}
WITH fc AS (
    SELECT
        contribution_key,
        CASE $dimension::VARCHAR
            WHEN 'profile' THEN profile
            WHEN 'sector' THEN sector
            WHEN 'organisation_type' THEN organisation_type
        END AS group_code
    FROM {{filtered_contributions}}
    WHERE theme_id = $theme_id::VARCHAR
    QUALIFY row_number() OVER (PARTITION BY respondent_key ORDER BY contribution_key DESC) = 1
),
q AS (
    SELECT sq.question_key, q.question_id, q.position, q.choices
    FROM questions AS q
    JOIN search_questions AS sq USING (question_id)
    WHERE q.theme_id = $theme_id::VARCHAR AND q.kind <> 'open'
),
choice_list AS (
    SELECT question_key, question_id, position AS question_position, unnest(choices) AS choice,
        generate_subscripts(choices, 1) AS choice_position
    FROM q
),
answered AS (
    SELECT ai.question_id, fc.group_code, count(*) AS group_answered_count
    FROM answer_index AS ai
    JOIN fc USING (contribution_key)
    WHERE ai.question_id IN (SELECT question_id FROM q)
    GROUP BY ALL
),
chosen AS (
    SELECT cp.question_key, fc.group_code, cp.choice_position, count(*) AS respondent_count
    FROM closed_picks AS cp
    JOIN fc USING (contribution_key)
    WHERE cp.question_key IN (SELECT question_key FROM q)
    GROUP BY ALL
)
SELECT
    cl.question_id,
    cl.question_position,
    an.group_code,
    coalesce(d.label, an.group_code) AS group_label,
    coalesce(d.plural_label, d.label, an.group_code) AS group_plural_label,
    coalesce(d.position, 999) AS group_position,
    cl.choice,
    cl.choice_position,
    coalesce(ch.respondent_count, 0)::BIGINT AS respondent_count,
    an.group_answered_count::BIGINT AS group_answered_count
FROM choice_list AS cl
JOIN answered AS an USING (question_id)
LEFT JOIN chosen AS ch
    ON ch.question_key = cl.question_key AND ch.group_code IS NOT DISTINCT FROM an.group_code
    AND ch.choice_position = cl.choice_position
LEFT JOIN dimension_values AS d ON d.dimension = $dimension::VARCHAR AND d.code = an.group_code
ORDER BY cl.question_position, group_position, an.group_code, cl.choice_position
