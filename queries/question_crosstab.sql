-- question_crosstab: one row a (closed question of theme $theme_id, group, choice): the groups are
-- the values of the respondent dimension $dimension ('profile', 'sector' or 'organisation_type',
-- whitelisted by the caller) that have at least one répondant who answered the question;
-- respondent_count, the répondants of the group who picked the choice (0 included);
-- group_answered_count, those of the group who answered the question. Counted as in
-- question_distribution (a répondant once, with their latest contribution): summed over the
-- groups, both give its numbers.
-- params: $theme_id, $dimension, and those of filtered_contributions.
-- example params: {"theme_id": "metavers", "dimension": "profile"}
WITH fc AS (
    SELECT
        contribution_id,
        CASE $dimension::VARCHAR
            WHEN 'profile' THEN profile
            WHEN 'sector' THEN sector
            WHEN 'organisation_type' THEN organisation_type
        END AS group_code
    FROM {{filtered_contributions}}
    WHERE theme_id = $theme_id::VARCHAR
    QUALIFY row_number() OVER (PARTITION BY respondent_id ORDER BY submitted_at DESC, contribution_id DESC) = 1
),
q AS (
    SELECT question_id, position, kind, choices FROM questions
    WHERE theme_id = $theme_id::VARCHAR AND kind <> 'open'
),
choice_list AS (
    SELECT question_id, position AS question_position, unnest(choices) AS choice,
        generate_subscripts(choices, 1) AS choice_position
    FROM q
),
picked AS (
    SELECT a.question_id, fc.group_code,
        CASE WHEN q.kind = 'scale' THEN [CAST(CAST(a.number AS INTEGER) AS VARCHAR)] ELSE a.choices END AS picks
    FROM answers AS a
    JOIN q USING (question_id)
    JOIN fc USING (contribution_id)
),
answered AS (
    SELECT question_id, group_code, count(*) AS group_answered_count FROM picked GROUP BY ALL
),
chosen AS (
    SELECT question_id, group_code, choice, count(*) AS respondent_count
    FROM (SELECT question_id, group_code, unnest(list_distinct(picks)) AS choice FROM picked)
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
LEFT JOIN chosen AS ch USING (question_id, group_code, choice)
LEFT JOIN dimension_values AS d ON d.dimension = $dimension::VARCHAR AND d.code = an.group_code
ORDER BY cl.question_position, group_position, an.group_code, cl.choice_position
