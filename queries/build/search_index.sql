-- The word index of the open réponses (after facts.sql), read by queries/search_hits.sql.
-- search_words: one row a distinct word of the normalised texts (a maximal run of letters and
-- digits), numbered in alphabetical order. search_postings: one row a (word, réponse that
-- contains it, as its integer keys), sorted by word: a lookup joins the few matching word_ids,
-- and DuckDB's join filter (min/max pushed into the scan) reads only their row groups of
-- postings. A one-word search is answered from the postings alone, without any text; so is a
-- phrase, from ``positions``: where the word is in the réponse (1 = its first word; the words
-- of a text are its runs of letters and digits, whatever separates them).
CREATE TEMP TABLE search_tokens AS
SELECT contribution_key, question_key, word, list(position ORDER BY position)::INTEGER[] AS positions
FROM (
    SELECT contribution_key, question_key, unnest(words) AS word, unnest(range(1, len(words) + 1)) AS position
    FROM (
        SELECT contribution_key, question_key, regexp_split_to_array(text_norm, '[^\pL\pN]+') AS words
        FROM search_answers
    )
)
WHERE word <> ''
GROUP BY contribution_key, question_key, word;

CREATE TABLE search_words AS
SELECT (row_number() OVER (ORDER BY word))::INTEGER AS word_id, word
FROM (SELECT DISTINCT word FROM search_tokens WHERE word <> '')
ORDER BY word_id;

CREATE TABLE search_postings AS
SELECT w.word_id, t.contribution_key, t.question_key, t.positions
FROM search_tokens AS t
JOIN search_words AS w USING (word)
ORDER BY w.word_id, t.contribution_key, t.question_key;

DROP TABLE search_tokens;
