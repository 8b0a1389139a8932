-- text_term_counts: one row a term of the open réponses passing the filters, most used first:
-- answer_count (réponses that use it, each campaign once with $one_voice), occurrence_count,
-- its label and what the Réponses page searches for it. Terms in $hidden_terms are left out.
-- (Without any filter, text_top_terms gives the same rows from the precomputed totals.)
-- Terms are read from term_index on integer keys (queries/build/text_keys.sql).
-- params: $one_voice (BOOLEAN), $hidden_terms (VARCHAR[]), $limit, and those of filtered_contributions.
-- example params: {"one_voice": false, "hidden_terms": ["numérique"], "limit": 50}
SELECT
    t.term,
    tt.label,
    tt.search,
    tt.is_bigram,
    count(*)::BIGINT AS answer_count,
    sum(ti.n)::BIGINT AS occurrence_count
FROM {{text_voices}} AS v
JOIN term_index AS ti ON ti.contribution_key = v.contribution_key AND ti.question_key = v.question_key
JOIN term_keys AS t ON t.term_key = ti.term_key
JOIN text_terms AS tt ON tt.term = t.term
WHERE NOT list_contains($hidden_terms::VARCHAR[], t.term)
GROUP BY ALL
ORDER BY answer_count DESC, occurrence_count DESC, t.term
LIMIT $limit::INTEGER
