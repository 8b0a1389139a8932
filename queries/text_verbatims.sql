-- text_verbatims: one row a réponse whose "contribution_id|question_id" is in $answer_keys, with
-- its text, the respondent's profile label and the day it was submitted.
-- params: $contribution_ids (VARCHAR[]), $answer_keys (VARCHAR[]).
-- example params: {"contribution_ids": ["C1"], "answer_keys": ["C1|metavers_q01"]}
SELECT
    a.contribution_id,
    a.question_id,
    a.text,
    r.profile,
    coalesce(d.label, r.profile) AS profile_label,
    c.submitted_at::DATE AS day
FROM answers AS a
JOIN contributions AS c USING (contribution_id)
JOIN respondents AS r USING (respondent_id)
LEFT JOIN dimension_values AS d ON d.dimension = 'profile' AND d.code = r.profile
WHERE a.contribution_id IN (SELECT unnest($contribution_ids::VARCHAR[]))
  AND list_contains($answer_keys::VARCHAR[], a.contribution_id || '|' || a.question_id)
ORDER BY a.contribution_id, a.question_id
