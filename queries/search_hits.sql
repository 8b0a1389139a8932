-- search_hits: one row an open réponse whose text contains every search term at the start of a
-- word (« musee » finds « musées », « ia » does not find « biais »; a term that begins with
-- punctuation may match anywhere), as its keys (contribution_key, question_key) and question_id,
-- found through the word index (search_words, queries/build/search_index.sql) instead of reading
-- every text. A term matches a text only if each of its runs of letters and digits begins a word
-- of the text: the index gives the réponses that have such a word for every run, a superset of
-- the answer. When every term is a single run (the usual case: « musee », « OEUVRE ») that
-- superset is exact; otherwise ($search_verify) the texts of the candidates are checked: each of
-- $search_word_starts must begin the text or follow one of $search_separators, each of
-- $search_anywhere must be in the text (plain string tests: a regular expression bound as a
-- parameter is compiled for every text). With no run at all (a search of punctuation only),
-- every text is checked.
-- Words are numbered in alphabetical order, so the words that begin with a run are one range.
-- Empty when there is no search. db runs it once per search and database version (cached) and
-- registers its rows as the relation search_hit_keys of the queries that read it: inlined in
-- each of them, the search cost 100-150 ms a query at 1M (the planner joined the index late),
-- against 35-40 ms once (bench/README.md).
-- params: $search_terms (VARCHAR[] of normalised terms, all required in one réponse),
--         $search_pieces (VARCHAR[]: the ASCII letter/digit runs of the terms, search.index_pieces),
--         $search_verify (BOOLEAN: whether the texts of the candidates must be checked),
--         $search_word_starts, $search_anywhere (VARCHAR[]: the terms as checked, search.verify_forms),
--         $search_separators (VARCHAR[]: what a word may follow, search.WORD_SEPARATORS)
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
WITH wanted AS (
    SELECT DISTINCT unnest($search_pieces::VARCHAR[]) AS piece
),
matched AS (
    -- the few words that begin with a run: the join below reads only their postings
    SELECT w.word_id, wanted.piece
    FROM search_words AS w
    JOIN wanted ON starts_with(w.word, wanted.piece)
    WHERE len($search_terms::VARCHAR[]) > 0
),
candidates AS (
    SELECT p.contribution_key, p.question_key
    FROM matched
    JOIN search_postings AS p USING (word_id)
    GROUP BY p.contribution_key, p.question_key
    HAVING count(DISTINCT matched.piece) = (SELECT count(*) FROM wanted)
    UNION ALL
    SELECT s.contribution_key, s.question_key
    FROM search_answers AS s
    WHERE len($search_terms::VARCHAR[]) > 0 AND len($search_pieces::VARCHAR[]) = 0
),
-- Two branches, one folded away by its constant guard: the texts are read only to check.
checked AS (
    SELECT contribution_key, question_key
    FROM candidates
    WHERE NOT $search_verify::BOOLEAN
    UNION ALL
    SELECT c.contribution_key, c.question_key
    FROM candidates AS c
    JOIN search_answers AS s USING (contribution_key, question_key)
    WHERE $search_verify::BOOLEAN
      AND len(list_filter($search_anywhere::VARCHAR[], lambda t: NOT contains(s.text_norm, t))) = 0
      -- A term begins a word at its first occurrence (the character before it is no letter or
      -- digit), or else at a later one, after one of $search_separators (rare, so tried last).
      AND len(list_filter(
            $search_word_starts::VARCHAR[],
            lambda w: CASE
                WHEN instr(s.text_norm, w) = 0 THEN true
                WHEN instr(s.text_norm, w) = 1 THEN false
                -- no letter (a letter has an upper case) and no digit before it
                WHEN lower(substr(s.text_norm, instr(s.text_norm, w) - 1, 1))
                     = upper(substr(s.text_norm, instr(s.text_norm, w) - 1, 1))
                     AND NOT substr(s.text_norm, instr(s.text_norm, w) - 1, 1) BETWEEN '0' AND '9' THEN false
                ELSE len(list_filter($search_separators::VARCHAR[], lambda c: contains(s.text_norm, c || w))) = 0
            END)) = 0
)
SELECT checked.contribution_key, checked.question_key, sq.question_id
FROM checked
JOIN search_questions AS sq USING (question_key)
