-- text_answers: one row an answer with text, in theme order (the precompute's doc numbers).
SELECT a.contribution_id, a.question_id, c.theme_id, a.text
FROM answers AS a
JOIN contributions AS c USING (contribution_id)
WHERE a.text IS NOT NULL
ORDER BY c.theme_id, a.contribution_id, a.question_id
