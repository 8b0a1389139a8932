-- Derived tables for fast filtering, built once after the answers are normalised (store.py).
-- The tables above keep the imported shape; these copy what every filtered view reads, so a
-- rerun at 1M contributions never joins contributions to respondents nor counts 8.5M answers.
--
-- contribution_facts: one row a contribution with its respondent's dimensions, integer keys
-- (distinct counts on integers are several times cheaper than on VARCHAR ids) and its number
-- of réponses (all, and to open questions). Rows in theme then date order: a theme or date
-- filter skips whole row groups.
CREATE TABLE contribution_facts AS
WITH answer_totals AS (
    SELECT
        a.contribution_id,
        count(*)::INTEGER AS answer_count,
        (count(*) FILTER (WHERE q.kind = 'open'))::INTEGER AS open_answer_count
    FROM answers AS a
    LEFT JOIN questions AS q USING (question_id)
    GROUP BY a.contribution_id
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
    coalesce(t.answer_count, 0)::INTEGER AS answer_count,
    coalesce(t.open_answer_count, 0)::INTEGER AS open_answer_count
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

-- closed_picks: one row a (réponse to a closed question, choice it picked), as integer keys:
-- choice_position is the choice's place in questions.choices (a scale answer picks its number;
-- a multiple-choice answer counts each choice once; a free "other" text is no choice and is
-- left out). The Thèmes page counts distributions and crosstabs from it by joining integers,
-- instead of unnesting the choices of every answer of a theme on each rerun.
CREATE TABLE closed_picks AS
WITH closed AS (
    SELECT a.contribution_id, a.question_id, q.choices,
        list_distinct(CASE WHEN q.kind = 'scale' THEN [CAST(CAST(a.number AS INTEGER) AS VARCHAR)] ELSE a.choices END)
            AS picks
    FROM answers AS a
    JOIN questions AS q USING (question_id)
    WHERE q.kind <> 'open'
),
picked AS (
    SELECT contribution_id, question_id, list_position(choices, unnest(picks)) AS choice_position FROM closed
)
SELECT f.contribution_key, sq.question_key, p.choice_position::SMALLINT AS choice_position
FROM picked AS p
JOIN contribution_facts AS f USING (contribution_id)
JOIN search_questions AS sq USING (question_id)
WHERE p.choice_position IS NOT NULL AND p.choice_position > 0
ORDER BY f.contribution_key, sq.question_key, choice_position;
