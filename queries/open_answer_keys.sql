-- open_answer_keys: one row an open réponse (an answer with text) passing the filters, as integer
-- keys: the same réponses as {{filtered_answer_keys}} restricted to answers with a text, but
-- read from the precomputed open_answer_facts (2.4M rows at 1M contributions) rather than from
-- answer_index (8.4M): the Thèmes page's open questions joined 1.2M answer keys of a theme to
-- find its 375k open réponses (65 ms in each of three queries at 1M). With the contribution's
-- columns (those of filtered_contributions), the réponse's question_key and question_id, and its
-- length in characters and in words (open_answer_facts.chars, word_count).
-- Base query: {{text_open_answers}} and the Thèmes queries on open questions include it.
-- params: those of filtered_contributions.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    fc.*,
    o.question_key,
    sq.question_id,
    o.chars,
    o.word_count
FROM {{filtered_contributions}} AS fc
JOIN open_answer_facts AS o ON o.contribution_key = fc.contribution_key
JOIN search_questions AS sq ON sq.question_key = o.question_key
WHERE ($question_id::VARCHAR IS NULL OR sq.question_id = $question_id::VARCHAR)
  AND (len($search_terms::VARCHAR[]) = 0 OR EXISTS (
        SELECT 1 FROM search_hit_keys AS h
        WHERE h.contribution_key = fc.contribution_key AND h.question_key = o.question_key))
