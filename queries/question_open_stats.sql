-- question_open_stats: one row an open question of theme $theme_id, in question order (zero
-- included): answer_count, the réponses passing the filters (as counted on the overview: with a
-- text search, only the réponses that contain it); contribution_count, the filtered contributions
-- to the theme; avg_chars, the mean length of those réponses in characters, and avg_words in words
-- as the Textes page counts them (open_answers.word_count, precomputed by consultation.text);
-- NULL when there is no réponse.
-- params: $theme_id, and those of filtered_contributions.
-- example params: {"theme_id": "metavers"}
WITH fa AS (
    SELECT contribution_id, question_id, length(text) AS chars FROM {{filtered_answers}}
    WHERE theme_id = $theme_id::VARCHAR AND text IS NOT NULL
),
per_question AS (
    SELECT fa.question_id, count(*) AS answer_count, avg(fa.chars) AS avg_chars, avg(oa.word_count) AS avg_words
    FROM fa
    LEFT JOIN open_answers AS oa
        ON oa.theme_id = $theme_id::VARCHAR AND oa.contribution_id = fa.contribution_id
        AND oa.question_id = fa.question_id
    GROUP BY fa.question_id
)
SELECT
    q.question_id,
    q.position AS question_position,
    coalesce(p.answer_count, 0)::BIGINT AS answer_count,
    (SELECT count(*) FROM {{filtered_contributions}} WHERE theme_id = $theme_id::VARCHAR)::BIGINT AS contribution_count,
    p.avg_chars::DOUBLE AS avg_chars,
    p.avg_words::DOUBLE AS avg_words
FROM questions AS q
LEFT JOIN per_question AS p USING (question_id)
WHERE q.theme_id = $theme_id::VARCHAR AND q.kind = 'open'
ORDER BY q.position
