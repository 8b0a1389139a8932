-- text_top_terms: one row a term of all the open réponses (no filter), most used first, from the
-- totals precomputed in text_terms: the same rows as text_term_counts without filters, at once.
-- params: $one_voice (BOOLEAN), $hidden_terms (VARCHAR[]), $limit.
-- example params: {"one_voice": true, "hidden_terms": ["numérique"], "limit": 50}
SELECT
    term,
    label,
    search,
    is_bigram,
    (CASE WHEN $one_voice::BOOLEAN THEN voice_answer_count ELSE answer_count END)::BIGINT AS answer_count,
    (CASE WHEN $one_voice::BOOLEAN THEN voice_occurrence_count ELSE occurrence_count END)::BIGINT AS occurrence_count
FROM text_terms
WHERE NOT list_contains($hidden_terms::VARCHAR[], term)
  AND (CASE WHEN $one_voice::BOOLEAN THEN voice_answer_count ELSE answer_count END) > 0
ORDER BY answer_count DESC, occurrence_count DESC, term
LIMIT $limit::INTEGER
