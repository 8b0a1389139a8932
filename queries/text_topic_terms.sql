-- text_topic_terms: one row a (réponse, term) of the open réponses passing the filters (campaigns
-- once with $one_voice), for the topic model: at most $max_answers réponses, drawn
-- reproducibly (ordered by md5 of contribution and question ids), with the respondent's profile
-- and the term's label.
-- Without any filter ({{no_filter}}) the draw is the first réponses of the precomputed order
-- voice_draws (queries/build/text_totals.sql): the same réponses, without an md5 of every id
-- at run time (730 ms at 1M otherwise).
-- params: $one_voice (BOOLEAN), $max_answers (INTEGER), and those of filtered_contributions.
-- example params: {"one_voice": true, "max_answers": 1000}
WITH drawn AS (
    SELECT contribution_key, question_key
    FROM {{text_voices}}
    WHERE NOT {{no_filter}}
    ORDER BY md5(contribution_id || '#' || question_id), contribution_id, question_id
    LIMIT $max_answers::INTEGER
),
drawn_precomputed AS (
    SELECT contribution_key, question_key
    FROM voice_draws
    WHERE {{no_filter}} AND (is_voice OR NOT $one_voice::BOOLEAN)
    ORDER BY draw_rank
    LIMIT $max_answers::INTEGER
),
sample AS (
    SELECT f.contribution_id, sq.question_id, d.contribution_key, d.question_key, f.profile
    FROM (SELECT * FROM drawn UNION ALL SELECT * FROM drawn_precomputed) AS d
    JOIN contribution_facts AS f ON f.contribution_key = d.contribution_key
    JOIN search_questions AS sq ON sq.question_key = d.question_key
),
used AS (
    SELECT s.contribution_id, s.question_id, s.profile, unnest(tl.term_keys) AS term_key, unnest(tl.ns) AS n
    FROM sample AS s
    JOIN term_lists AS tl ON tl.contribution_key = s.contribution_key AND tl.question_key = s.question_key
)
SELECT u.contribution_id, u.question_id, u.profile, t.term, tt.label, u.n
FROM used AS u
JOIN term_keys AS t ON t.term_key = u.term_key
JOIN text_terms AS tt ON tt.term = t.term
ORDER BY u.contribution_id, u.question_id, t.term
