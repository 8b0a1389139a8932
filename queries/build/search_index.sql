-- The word index of the open réponses (after facts.sql), read by queries/search_hits.sql.
-- search_words: one row a distinct word of the normalised texts (a maximal run of letters and
-- digits), numbered in alphabetical order. search_postings: one row a (word, réponse that
-- contains it, as its integer keys), sorted by word: a lookup joins the few matching word_ids,
-- and DuckDB's join filter (min/max pushed into the scan) reads only their row groups of
-- postings. A one-word search is answered from the postings alone, without any text.
CREATE TEMP TABLE search_tokens AS
SELECT DISTINCT contribution_key, question_key, unnest(regexp_split_to_array(text_norm, '[^\pL\pN]+')) AS word
FROM search_answers;

CREATE TABLE search_words AS
SELECT (row_number() OVER (ORDER BY word))::INTEGER AS word_id, word
FROM (SELECT DISTINCT word FROM search_tokens WHERE word <> '')
ORDER BY word_id;

CREATE TABLE search_postings AS
SELECT w.word_id, t.contribution_key, t.question_key
FROM search_tokens AS t
JOIN search_words AS w USING (word)
ORDER BY w.word_id, t.contribution_key, t.question_key;

DROP TABLE search_tokens;
