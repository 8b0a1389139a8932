-- question_verbatims: for each open question of $question_ids, $limit réponses passing the
-- filters, drawn pseudo-randomly but reproducibly: those with the smallest hash of the contribution
-- key and the question's seed ($seeds, in the order of $question_ids), so one seed always draws
-- the same réponses of a database. With the respondent's profile and the day; ordered by
-- question, then draw. Without their texts: text_verbatims reads them for the drawn keys.
-- One pass over the filtered open réponses ({{open_answer_keys}}) for all the open questions of
-- a theme; min_by keeps the $limit smallest draws of each question without sorting the others.
-- (An integer hash, not the md5 of the id: 200 instead of 300 ms for a theme at 1M.)
-- The texts are not joined here: DuckDB's join reads the text column of every row group the
-- drawn keys fall in (2 row groups, 75 ms for a theme at 1M), where text_verbatims' key list
-- filters the rows before their texts are read.
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
            {'contribution_key': oa.contribution_key, 'contribution_id': oa.contribution_id, 'profile': oa.profile,
             'submitted_at': oa.submitted_at, 'draw': hash(oa.contribution_key, w.seed)},
            (hash(oa.contribution_key, w.seed), oa.contribution_key),
            $limit::INTEGER
        ), recursive := true)
    FROM {{open_answer_keys}} AS oa
    JOIN wanted AS w ON w.question_id = oa.question_id
    GROUP BY w.question_id
)
SELECT
    d.question_id,
    d.contribution_id,
    d.profile,
    coalesce(v.label, d.profile) AS profile_label,
    d.submitted_at::DATE AS day
FROM drawn AS d
LEFT JOIN dimension_values AS v ON v.dimension = 'profile' AND v.code = d.profile
ORDER BY d.question_id, d.draw, d.contribution_key
