-- search_hits: one row an open réponse whose text contains every search term at the start of a
-- word (« musee » finds « musées », « ia » does not find « biais »; a term that begins with
-- punctuation may match anywhere), as its keys (contribution_key, question_key) and question_id,
-- found through the word index (search_words, search_postings: queries/build/search_index.sql)
-- instead of reading every text (consultation.search.sql_params says which way each term goes):
-- - candidates: the réponses that have a word beginning with each of $search_pieces (the runs
--   of letters and digits of the terms, some short ones left out): a superset of the answer,
--   exact when every term is one run (the usual case: « musee », « OEUVRE »);
-- - a phrase (« droit d'auteur »): its words at consecutive positions of a candidate, each a
--   whole word but the last, which may begin one (``positions`` of the postings): still no text;
-- - any other term (« !! », « straße », $search_verify): the texts of the candidates are checked:
--   each of $search_word_starts must begin the text or follow one of $search_separators, each of
--   $search_anywhere must be in the text (plain string tests: a regular expression bound as a
--   parameter is compiled for every text). With no run at all (a search of punctuation only),
--   every text is checked.
-- Words are numbered in alphabetical order, so the words that begin with a run are one range.
-- Empty when there is no search. db runs it once per search and database version (cached) and
-- registers its rows as the relation search_hit_keys of the queries that read it: inlined in
-- each of them, the search cost 100-150 ms a query at 1M (the planner joined the index late),
-- against 35-40 ms once (bench/README.md).
-- params: $search_terms (VARCHAR[] of normalised terms, all required in one réponse),
--         $search_pieces (VARCHAR[]: runs looked up in the index),
--         $search_phrase_terms, $search_phrase_offsets, $search_phrase_words, $search_phrase_last
--             (the words of the phrases, one element a word: its phrase's number, its place in
--             the phrase from 0, the word, whether it is the phrase's last),
--         $search_verify (BOOLEAN: whether the texts of the candidates must be checked),
--         $search_word_starts, $search_anywhere (VARCHAR[]: the terms as checked, search.verify_forms),
--         $search_separators (VARCHAR[]: what a word may follow, search.WORD_SEPARATORS)
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
-- Each run has its bit (at most 64: search.MAX_PIECES): a réponse is a candidate when its words'
-- bits cover every run. bit_or rather than a count of distinct runs a réponse, and count(*) for
-- a phrase's words below: the distinct counts were two thirds of a phrase search at 1M.
WITH wanted AS (
    SELECT unnest($search_pieces::VARCHAR[]) AS piece,
           1::UBIGINT << unnest(range(len($search_pieces::VARCHAR[])))::UBIGINT AS bit
),
matched AS (
    -- the few words that begin with a run, and the runs each begins: the join below reads only
    -- their postings
    SELECT w.word_id, bit_or(wanted.bit) AS bits
    FROM search_words AS w
    JOIN wanted ON starts_with(w.word, wanted.piece)
    WHERE len($search_terms::VARCHAR[]) > 0
    GROUP BY w.word_id
),
candidates AS (
    SELECT p.contribution_key, p.question_key
    FROM matched
    JOIN search_postings AS p USING (word_id)
    GROUP BY p.contribution_key, p.question_key
    HAVING bit_or(matched.bits) = (SELECT bit_or(bit) FROM wanted)
    UNION ALL
    SELECT s.contribution_key, s.question_key
    FROM search_answers AS s
    WHERE len($search_terms::VARCHAR[]) > 0 AND len($search_pieces::VARCHAR[]) = 0
),
phrase_words AS (
    SELECT unnest($search_phrase_terms::INTEGER[]) AS phrase,
           unnest($search_phrase_offsets::INTEGER[]) AS word_offset,
           unnest($search_phrase_words::VARCHAR[]) AS word,
           unnest($search_phrase_last::BOOLEAN[]) AS is_last
),
phrase_sizes AS (
    SELECT phrase, count(*) AS size FROM phrase_words GROUP BY phrase
),
phrase_word_ids AS (
    SELECT p.phrase, p.word_offset, z.size, w.word_id
    FROM phrase_words AS p
    JOIN phrase_sizes AS z USING (phrase)
    JOIN search_words AS w
      ON CASE WHEN p.is_last THEN starts_with(w.word, p.word) ELSE w.word = p.word END
),
-- Where each phrase would start in a candidate, for each of its words found there.
phrase_starts AS (
    SELECT i.phrase, i.size, p.contribution_key, p.question_key,
           unnest(p.positions) - i.word_offset AS phrase_start
    FROM phrase_word_ids AS i
    JOIN search_postings AS p USING (word_id)
    SEMI JOIN candidates AS c USING (contribution_key, question_key)
),
-- A phrase starts at a position when each of its words is found there (a position holds one
-- word, so each word is counted at most once a start: count(*), not a count of distinct words).
phrased AS (
    SELECT contribution_key, question_key
    FROM (
        SELECT DISTINCT phrase, contribution_key, question_key
        FROM phrase_starts
        GROUP BY phrase, contribution_key, question_key, phrase_start
        HAVING count(*) = max(size)
    )
    GROUP BY contribution_key, question_key
    HAVING count(*) = (SELECT count(*) FROM phrase_sizes)
),
-- Constant guards fold away the branches not taken: the postings' positions are read only for
-- a phrase, the texts only to check.
found AS (
    SELECT contribution_key, question_key
    FROM candidates
    WHERE len($search_phrase_terms::INTEGER[]) = 0
    UNION ALL
    SELECT contribution_key, question_key
    FROM phrased
    WHERE len($search_phrase_terms::INTEGER[]) > 0
),
checked AS (
    SELECT contribution_key, question_key
    FROM found
    WHERE NOT $search_verify::BOOLEAN
    UNION ALL
    SELECT c.contribution_key, c.question_key
    FROM found AS c
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
