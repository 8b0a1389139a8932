-- text_topic_terms: one row a (réponse, term) of the open réponses passing the filters (campaigns
-- once with $one_voice), for the topic model: at most $max_answers réponses, drawn
-- reproducibly (ordered by md5 of contribution and question ids), with the respondent's profile
-- and the term's label.
-- params: $one_voice (BOOLEAN), $max_answers (INTEGER), and those of filtered_contributions.
-- example params: {"one_voice": true, "max_answers": 1000}
WITH sample AS (
    SELECT contribution_id, question_id, theme_id, profile
    FROM {{text_voices}}
    ORDER BY md5(contribution_id || '#' || question_id), contribution_id, question_id
    LIMIT $max_answers::INTEGER
)
SELECT s.contribution_id, s.question_id, s.profile, t.term, tt.label, t.n
FROM sample AS s
JOIN answer_terms AS t
  ON t.theme_id = s.theme_id AND t.contribution_id = s.contribution_id AND t.question_id = s.question_id
JOIN text_terms AS tt ON tt.term = t.term
ORDER BY s.contribution_id, s.question_id, t.term
