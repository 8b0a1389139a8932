-- Integer-keyed copies of the text tables (after consultation.text.precompute), read by the
-- Thèmes page: its per-question statistics join the filtered réponses on integers instead of
-- three VARCHAR ids, over 32M term rows at 1M contributions.
--
-- term_keys: an integer key a term of text_terms, in term order.
CREATE TABLE term_keys AS
SELECT (row_number() OVER (ORDER BY term))::INTEGER AS term_key, term
FROM text_terms
ORDER BY term_key;

-- term_index: one row a (réponse, term it uses), as answer_terms, keyed by (contribution_key,
-- question_key) and in that order, so a theme reads only its range of row groups.
CREATE TABLE term_index AS
SELECT f.contribution_key, sq.question_key, k.term_key, t.n
FROM answer_terms AS t
JOIN contribution_facts AS f USING (contribution_id)
JOIN search_questions AS sq USING (question_id)
JOIN term_keys AS k USING (term)
ORDER BY f.contribution_key, sq.question_key, k.term_key;

-- term_lists: one row a réponse that uses a term, with its terms (term_keys, in term_key order)
-- and their occurrences (ns, in the same order): term_index folded a réponse. Counting the terms
-- of a filtered set of réponses joins them to 2.3M rows here and unnests, instead of probing
-- 32M term rows with their keys (at 1M, Textes' word counts with citoyen + region: 231 -> 93 ms).
CREATE TABLE term_lists AS
SELECT contribution_key, question_key, list(term_key ORDER BY term_key) AS term_keys, list(n ORDER BY term_key) AS ns
FROM term_index
GROUP BY contribution_key, question_key
ORDER BY contribution_key, question_key;

-- open_answer_facts: one row an open réponse (as search_answers), with its length in characters
-- and in words (open_answers.word_count, as the Textes page counts them).
CREATE TABLE open_answer_facts AS
SELECT sa.contribution_key, sa.question_key, length(sa.text)::INTEGER AS chars, oa.word_count
FROM search_answers AS sa
LEFT JOIN open_answers AS oa USING (contribution_id, question_id)
ORDER BY sa.contribution_key, sa.question_key;

-- question_term_totals: term_index counted per (question, term) over every réponse, what
-- question_terms shows when no filter narrows the theme (the Thèmes page as first opened).
CREATE TABLE question_term_totals AS
SELECT question_key, term_key, count(*)::BIGINT AS answer_count, sum(n)::BIGINT AS occurrence_count
FROM term_index
GROUP BY ALL
ORDER BY question_key, term_key;

-- duplicate_group_keys: duplicate_groups (a réponse's group of near-identical answers) keyed
-- like open_answer_facts, for the Textes queries.
CREATE TABLE duplicate_group_keys AS
SELECT f.contribution_key, sq.question_key, g.group_id
FROM duplicate_groups AS g
JOIN contribution_facts AS f USING (contribution_id)
JOIN search_questions AS sq USING (question_id)
ORDER BY f.contribution_key, sq.question_key;
