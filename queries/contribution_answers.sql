-- contribution_answers: one row a question of $contribution_id's questionnaire, in questionnaire
-- order, with the answer (text, choices, number) or NULLs when it was left unanswered.
-- params: $contribution_id (VARCHAR).
-- example params: {"contribution_id": "C1"}
SELECT
    q.question_id,
    q.position,
    q.label,
    q.kind,
    a.text,
    a.choices,
    a.number,
    a.contribution_id IS NOT NULL AS is_answered
FROM contributions AS c
JOIN questions AS q ON q.theme_id = c.theme_id
LEFT JOIN answers AS a ON a.contribution_id = c.contribution_id AND a.question_id = q.question_id
WHERE c.contribution_id = $contribution_id::VARCHAR
ORDER BY q.position
