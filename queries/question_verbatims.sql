-- question_verbatims: one row a réponse to the open question $question_id passing the filters,
-- $limit of them drawn pseudo-randomly but reproducibly: ordered by md5 of the contribution id and
-- $seed, so one seed always draws the same réponses. With the respondent's profile and the day.
-- params: $question_id, $seed (INTEGER), $limit, and those of filtered_contributions.
-- example params: {"question_id": "metavers_q01", "seed": 0, "limit": 3}
SELECT
    fa.contribution_id,
    fa.text,
    fa.profile,
    coalesce(d.label, fa.profile) AS profile_label,
    fa.submitted_at::DATE AS day
FROM {{filtered_answers}} AS fa
LEFT JOIN dimension_values AS d ON d.dimension = 'profile' AND d.code = fa.profile
WHERE fa.question_id = $question_id::VARCHAR AND fa.text IS NOT NULL
ORDER BY md5(fa.contribution_id || '#' || CAST($seed::INTEGER AS VARCHAR)), fa.contribution_id
LIMIT $limit::INTEGER
