-- text_term_counts: one row a term of the open réponses passing the filters, most used first:
-- answer_count (réponses that use it, each campaign once with $one_voice), occurrence_count,
-- its label and what the Réponses page searches for it. Terms in $hidden_terms are left out.
-- Without any filter ({{no_filter}}), the rows come from the totals precomputed in text_terms
-- (voice_answer_count... counts each campaign once): the Textes page as first opened, at once
-- (590 ms at 1M otherwise).
-- Terms are counted on integer keys (term_lists, queries/build/text_keys.sql); only the terms
-- kept get their texts.
-- params: $one_voice (BOOLEAN), $hidden_terms (VARCHAR[]), $limit, and those of filtered_contributions.
-- example params: {"one_voice": false, "hidden_terms": ["numérique"], "limit": 50}
WITH used AS (
    SELECT unnest(tl.term_keys) AS term_key, unnest(tl.ns) AS n
    FROM {{text_voices}} AS v
    JOIN term_lists AS tl ON tl.contribution_key = v.contribution_key AND tl.question_key = v.question_key
    WHERE NOT {{no_filter}}
),
counts AS (
    SELECT term_key, count(*)::BIGINT AS answer_count, sum(n)::BIGINT AS occurrence_count
    FROM used
    GROUP BY term_key
),
terms AS (
    SELECT t.term, tt.label, tt.search, tt.is_bigram, c.answer_count, c.occurrence_count
    FROM counts AS c
    JOIN term_keys AS t ON t.term_key = c.term_key
    JOIN text_terms AS tt ON tt.term = t.term
    UNION ALL
    SELECT
        term,
        label,
        search,
        is_bigram,
        (CASE WHEN $one_voice::BOOLEAN THEN voice_answer_count ELSE answer_count END)::BIGINT,
        (CASE WHEN $one_voice::BOOLEAN THEN voice_occurrence_count ELSE occurrence_count END)::BIGINT
    FROM text_terms
    WHERE {{no_filter}}
)
SELECT *
FROM terms
WHERE NOT list_contains($hidden_terms::VARCHAR[], term)
  AND answer_count > 0
ORDER BY answer_count DESC, occurrence_count DESC, term
LIMIT $limit::INTEGER
