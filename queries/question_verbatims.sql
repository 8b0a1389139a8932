-- question_verbatims: one row a réponse to the open question $question_id passing the filters,
-- $limit of them drawn pseudo-randomly but reproducibly: ordered by md5 of the contribution id and
-- $seed, so one seed always draws the same réponses. With the respondent's profile and the day.
-- The draw orders integer keys (filtered_answer_keys, open_answer_facts); only the $limit drawn
-- réponses' texts are read.
-- params: $question_id, $seed (INTEGER), $limit, and those of filtered_contributions.
-- example params: {"question_id": "metavers_q01", "seed": 0, "limit": 3}
WITH drawn AS (
    SELECT fa.contribution_key, fa.contribution_id, fa.profile, fa.submitted_at, o.question_key
    FROM {{filtered_answer_keys}} AS fa
    JOIN search_questions AS sq ON sq.question_id = fa.question_id
    JOIN open_answer_facts AS o ON o.contribution_key = fa.contribution_key AND o.question_key = sq.question_key
    WHERE fa.question_id = $question_id::VARCHAR
    ORDER BY md5(fa.contribution_id || '#' || CAST($seed::INTEGER AS VARCHAR)), fa.contribution_id
    LIMIT $limit::INTEGER
)
SELECT
    d.contribution_id,
    sa.text,
    d.profile,
    coalesce(v.label, d.profile) AS profile_label,
    d.submitted_at::DATE AS day
FROM drawn AS d
JOIN search_answers AS sa ON sa.contribution_key = d.contribution_key AND sa.question_key = d.question_key
LEFT JOIN dimension_values AS v ON v.dimension = 'profile' AND v.code = d.profile
ORDER BY md5(d.contribution_id || '#' || CAST($seed::INTEGER AS VARCHAR)), d.contribution_id
