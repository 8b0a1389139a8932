-- questions: one row a question of a questionnaire, in theme then question order, with the
-- theme's short label. params: none.
SELECT q.question_id, q.theme_id, t.short_label AS theme_short_label, q.position, q.label, q.kind, q.choices
FROM questions AS q
JOIN themes AS t USING (theme_id)
ORDER BY t.position, q.position
