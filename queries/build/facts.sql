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

-- answer_index: one row a réponse as (contribution_key, question_id), in contribution_key order:
-- counting or ordering réponses joins on an integer, and a theme filter (a contiguous range of
-- contribution_key) reads only that theme's row groups.
CREATE TABLE answer_index AS
SELECT f.contribution_key, a.question_id
FROM answers AS a
JOIN contribution_facts AS f USING (contribution_id)
ORDER BY f.contribution_key, a.question_id;

-- search_questions: an integer key a question, so that the word index carries no VARCHAR.
CREATE TABLE search_questions AS
SELECT (row_number() OVER (ORDER BY question_id))::SMALLINT AS question_key, question_id
FROM questions;

-- search_answers: one row an open réponse (an answer with text), keyed by (contribution_key,
-- question_key) and in that order: a search reads its texts only to check a phrase, and a page
-- of results fetches its few texts by key.
CREATE TABLE search_answers AS
SELECT
    f.contribution_key,
    sq.question_key,
    a.contribution_id,
    a.question_id,
    a.text,
    a.text_norm
FROM answers AS a
JOIN contribution_facts AS f USING (contribution_id)
JOIN search_questions AS sq USING (question_id)
WHERE a.text_norm IS NOT NULL
ORDER BY f.contribution_key, sq.question_key;
