-- text_term_counts: one row a term of the open réponses passing the filters, most used first:
-- answer_count (réponses that use it, each campaign once with $one_voice), occurrence_count,
-- its label and what the Réponses page searches for it. Terms in $hidden_terms are left out.
-- (Without any filter, text_top_terms gives the same rows from the precomputed totals.)
-- params: $one_voice (BOOLEAN), $hidden_terms (VARCHAR[]), $limit, and those of filtered_contributions.
-- example params: {"one_voice": false, "hidden_terms": ["numérique"], "limit": 50}
SELECT
    t.term,
    tt.label,
    tt.search,
    tt.is_bigram,
    count(*)::BIGINT AS answer_count,
    sum(t.n)::BIGINT AS occurrence_count
FROM {{text_voices}} AS v
JOIN answer_terms AS t
  ON t.theme_id = v.theme_id AND t.contribution_id = v.contribution_id AND t.question_id = v.question_id
JOIN text_terms AS tt ON tt.term = t.term
WHERE NOT list_contains($hidden_terms::VARCHAR[], t.term)
GROUP BY ALL
ORDER BY answer_count DESC, occurrence_count DESC, t.term
LIMIT $limit::INTEGER
