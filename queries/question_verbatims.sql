-- question_verbatims: for each open question of $question_ids, $limit réponses passing the
-- filters, drawn pseudo-randomly but reproducibly: those with the smallest hash of the contribution
-- key and the question's seed ($seeds, in the order of $question_ids), so one seed always draws
-- the same réponses of a database. With the respondent's profile and the day; ordered by
-- question, then draw.
-- One pass over the filtered keys for all the open questions of a theme (the Thèmes page asked
-- once a question: 4 passes, 45 % of its queries' time at 1M); min_by keeps the $limit smallest
-- draws of each question without sorting the others, and only the drawn réponses' texts are read.
-- (An integer hash, not the md5 of the id: 200 instead of 300 ms for a theme at 1M.)
-- params: $question_ids (VARCHAR[]), $seeds (INTEGER[], one a question), $limit, and those of
--         filtered_contributions ($question_id narrows the réponses as everywhere).
-- example params: {"question_ids": ["metavers_q01", "metavers_q04"], "seeds": [0, 2], "limit": 3}
WITH wanted AS (
    SELECT unnest($question_ids::VARCHAR[]) AS question_id, unnest($seeds::INTEGER[]) AS seed
),
drawn AS (
    SELECT
        w.question_id,
        unnest(min_by(
            {'contribution_key': fa.contribution_key, 'contribution_id': fa.contribution_id, 'profile': fa.profile,
             'submitted_at': fa.submitted_at, 'question_key': o.question_key,
             'draw': hash(fa.contribution_key, w.seed)},
            (hash(fa.contribution_key, w.seed), fa.contribution_key),
            $limit::INTEGER
        ), recursive := true)
    FROM {{filtered_answer_keys}} AS fa
    JOIN wanted AS w ON w.question_id = fa.question_id
    JOIN search_questions AS sq ON sq.question_id = fa.question_id
    JOIN open_answer_facts AS o ON o.contribution_key = fa.contribution_key AND o.question_key = sq.question_key
    GROUP BY w.question_id
)
SELECT
    d.question_id,
    d.contribution_id,
    sa.text,
    d.profile,
    coalesce(v.label, d.profile) AS profile_label,
    d.submitted_at::DATE AS day
FROM drawn AS d
JOIN search_answers AS sa ON sa.contribution_key = d.contribution_key AND sa.question_key = d.question_key
LEFT JOIN dimension_values AS v ON v.dimension = 'profile' AND v.code = d.profile
ORDER BY d.question_id, d.draw, d.contribution_key
