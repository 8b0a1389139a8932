-- search_hits: one row an open réponse whose text contains every search term, found through the
-- word index (search_words, queries/build/facts.sql) instead of reading every text.
-- A term is contained in a text only if each of its runs of letters and digits is contained in
-- one word of the text: the index gives the réponses that have such a word for every run, a
-- superset of the answer. When every term is a single run (the usual case: « musee »,
-- « OEUVRE ») that superset is exact; otherwise ($search_verify) the texts of the candidates
-- are checked. With no run at all (a search of punctuation only), every text is checked.
-- Empty when there is no search. Base query: included as {{search_hits}}.
-- params: $search_terms (VARCHAR[] of normalised terms, all required in one réponse),
--         $search_pieces (VARCHAR[]: the ASCII letter/digit runs of the terms, search.index_pieces),
--         $search_verify (BOOLEAN: whether the texts of the candidates must be checked)
WITH wanted AS (
    SELECT DISTINCT unnest($search_pieces::VARCHAR[]) AS piece
),
candidates AS (
    SELECT k.answer_key
    FROM search_words AS w
    JOIN wanted ON contains(w.word, wanted.piece)
    CROSS JOIN unnest(w.answer_keys) AS k(answer_key)
    WHERE len($search_terms::VARCHAR[]) > 0
    GROUP BY k.answer_key
    HAVING count(DISTINCT wanted.piece) = (SELECT count(*) FROM wanted)
    UNION ALL
    SELECT s.answer_key
    FROM search_answers AS s
    WHERE len($search_terms::VARCHAR[]) > 0 AND len($search_pieces::VARCHAR[]) = 0
)
SELECT s.answer_key, s.contribution_key, s.contribution_id, s.question_id, s.text, s.text_norm
FROM candidates
JOIN search_answers AS s USING (answer_key)
WHERE NOT $search_verify::BOOLEAN
   OR len(list_filter($search_terms::VARCHAR[], lambda t: NOT contains(s.text_norm, t))) = 0
