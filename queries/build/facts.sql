-- Derived tables for fast filtering, built once after the answers are normalised (store.py).
-- The tables above keep the imported shape; these copy what every filtered view reads, so a
-- rerun at 1M contributions never joins contributions to respondents nor counts 8.5M answers.
--
-- contribution_facts: one row a contribution with its respondent's dimensions, integer keys
-- (distinct counts on integers are several times cheaper than on VARCHAR ids) and its number
-- of réponses. Rows in theme then date order: a theme or date filter skips whole row groups.
CREATE TABLE contribution_facts AS
WITH answer_totals AS (
    SELECT contribution_id, count(*)::INTEGER AS answer_count FROM answers GROUP BY contribution_id
)
SELECT
    (row_number() OVER (ORDER BY c.theme_id, c.submitted_at, c.contribution_id))::INTEGER AS contribution_key,
    c.contribution_id,
    c.respondent_id,
    (dense_rank() OVER (ORDER BY c.respondent_id))::INTEGER AS respondent_key,
    c.theme_id,
    c.submitted_at,
    c.is_complete,
    c.source_id,
    r.profile,
    r.sector,
    r.organisation_type,
    r.region_code,
    coalesce(t.answer_count, 0)::INTEGER AS answer_count
FROM contributions AS c
JOIN respondents AS r USING (respondent_id)
LEFT JOIN answer_totals AS t USING (contribution_id)
ORDER BY contribution_key;

-- search_answers: one row an open réponse (an answer with text), in contribution_facts order,
-- with what the Réponses page shows of it: a search reads this table, never the 8.5M answers.
CREATE TABLE search_answers AS
SELECT
    (row_number() OVER (ORDER BY f.contribution_key, q.position, a.question_id))::INTEGER AS answer_key,
    f.contribution_key,
    a.contribution_id,
    a.question_id,
    a.text,
    a.text_norm
FROM answers AS a
JOIN contribution_facts AS f USING (contribution_id)
LEFT JOIN questions AS q USING (question_id)
WHERE a.text_norm IS NOT NULL
ORDER BY answer_key;

-- search_words: the word index. One row a distinct word of the normalised texts (maximal runs
-- of letters and digits), with the sorted keys of the réponses that contain it. A search term
-- that is one word is found by the words that contain it, without reading any text.
CREATE TABLE search_words AS
WITH tokens AS (
    SELECT DISTINCT answer_key, unnest(regexp_split_to_array(text_norm, '[^\pL\pN]+')) AS word
    FROM search_answers
)
SELECT word, list(answer_key ORDER BY answer_key) AS answer_keys
FROM tokens
WHERE word <> ''
GROUP BY word
ORDER BY word;
