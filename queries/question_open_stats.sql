-- question_open_stats: one row an open question of theme $theme_id, in question order (zero
-- included): answer_count, the réponses passing the filters (as counted on the overview: with a
-- text search, only the réponses that contain it); contribution_count, the filtered contributions
-- to the theme; avg_chars, the mean length of those réponses in characters, and avg_words in words
-- as the Textes page counts them (open_answers.word_count, precomputed by consultation.text);
-- NULL when there is no réponse.
-- Réponses and their lengths come from {{open_answer_keys}}: integer keys only.
-- params: $theme_id, and those of filtered_contributions.
-- example params: {"theme_id": "metavers"}
WITH q AS (
    SELECT sq.question_key, q.question_id, q.position
    FROM questions AS q
    JOIN search_questions AS sq USING (question_id)
    WHERE q.theme_id = $theme_id::VARCHAR AND q.kind = 'open'
),
per_question AS (
    SELECT oa.question_key, count(*) AS answer_count, avg(oa.chars) AS avg_chars, avg(oa.word_count) AS avg_words
    FROM {{open_answer_keys}} AS oa
    WHERE oa.theme_id = $theme_id::VARCHAR AND oa.question_key IN (SELECT question_key FROM q)
    GROUP BY oa.question_key
)
SELECT
    q.question_id,
    q.position AS question_position,
    coalesce(p.answer_count, 0)::BIGINT AS answer_count,
    (SELECT count(*) FROM {{filtered_contributions}} WHERE theme_id = $theme_id::VARCHAR)::BIGINT AS contribution_count,
    p.avg_chars::DOUBLE AS avg_chars,
    p.avg_words::DOUBLE AS avg_words
FROM q
LEFT JOIN per_question AS p USING (question_key)
ORDER BY q.position
