-- Derive open_answers, answer_terms and text_terms from the staging tables, duplicate_groups and
-- the frames registered by consultation.text_build: text_vocab_frame(word, term, is_stop),
-- text_docs_frame(doc, theme_id, contribution_id, question_id, word_count),
-- text_cased_frame(word, surface: names and acronyms as written, text.cased_words),
-- text_search_frame(term, search: the search of a single-word term, text.search_for).
-- params: $min_bigram_answers (a bigram is kept when at least this many answers use it),
--         $min_bigram_npmi (and when its normalised PMI is at least this),
--         $min_cased_occurrences (text.MIN_CASED_OCCURRENCES).
CREATE TEMP TABLE text_vocab AS SELECT * FROM text_vocab_frame;
CREATE TEMP TABLE text_docs AS SELECT * FROM text_docs_frame;
CREATE TEMP TABLE text_cased AS SELECT * FROM text_cased_frame;
CREATE TEMP TABLE text_searches AS SELECT * FROM text_search_frame;

INSERT INTO open_answers
SELECT theme_id, contribution_id, question_id, word_count FROM text_docs ORDER BY doc;

-- Answers that do not count as a voice: every member of a group of near-identical answers
-- but the first (smallest contribution id), as queries/text_voices.sql does.
CREATE TEMP TABLE text_dropped_docs AS
SELECT doc FROM (
    SELECT d.doc, row_number() OVER (PARTITION BY g.group_id ORDER BY g.contribution_id) AS rank
    FROM duplicate_groups AS g JOIN text_docs AS d USING (contribution_id, question_id)
)
WHERE rank > 1;

CREATE TEMP TABLE text_unigrams AS
SELECT w.doc, v.term, sum(w.n)::INTEGER AS n
FROM text_stage_words AS w JOIN text_vocab AS v USING (word)
WHERE NOT v.is_stop
GROUP BY ALL;

CREATE TEMP TABLE text_pairs AS
SELECT p.doc, v1.term AS term1, v2.term AS term2, sum(p.n)::INTEGER AS n
FROM text_stage_pairs AS p
JOIN text_vocab AS v1 ON v1.word = p.word1
JOIN text_vocab AS v2 ON v2.word = p.word2
WHERE NOT v1.is_stop AND NOT v2.is_stop AND v1.term <> v2.term
GROUP BY ALL;

-- Bigrams kept as terms: frequent enough, and more often together than chance (NPMI).
CREATE TEMP TABLE text_bigrams AS
WITH totals AS (SELECT sum(n)::DOUBLE AS total FROM text_unigrams),
unigram_counts AS (SELECT term, sum(n)::DOUBLE AS count FROM text_unigrams GROUP BY term),
pair_counts AS (
    SELECT term1, term2, sum(n)::DOUBLE AS count, count(DISTINCT doc) AS answer_count
    FROM text_pairs GROUP BY term1, term2
)
SELECT p.term1, p.term2, p.answer_count,
       ln((p.count / t.total) / ((u1.count / t.total) * (u2.count / t.total))) / -ln(p.count / t.total) AS npmi
FROM pair_counts AS p
CROSS JOIN totals AS t
JOIN unigram_counts AS u1 ON u1.term = p.term1
JOIN unigram_counts AS u2 ON u2.term = p.term2
WHERE p.answer_count >= $min_bigram_answers
  AND ln((p.count / t.total) / ((u1.count / t.total) * (u2.count / t.total))) / -ln(p.count / t.total)
      >= $min_bigram_npmi;

-- A kept bigram's two words are counted once, as the bigram, not again on their own.
CREATE TEMP TABLE text_doc_terms AS
WITH kept AS (
    SELECT p.doc, p.term1, p.term2, p.n
    FROM text_pairs AS p JOIN text_bigrams AS b USING (term1, term2)
),
consumed AS (
    SELECT doc, term, sum(n) AS n
    FROM (SELECT doc, term1 AS term, n FROM kept UNION ALL SELECT doc, term2 AS term, n FROM kept)
    GROUP BY ALL
)
SELECT u.doc, u.term, (u.n - coalesce(c.n, 0))::INTEGER AS n
FROM text_unigrams AS u LEFT JOIN consumed AS c USING (doc, term)
WHERE u.n - coalesce(c.n, 0) > 0
UNION ALL
SELECT doc, term1 || ' ' || term2 AS term, n::INTEGER AS n FROM kept;

INSERT INTO answer_terms
SELECT d.theme_id, d.contribution_id, d.question_id, t.term, t.n
FROM text_doc_terms AS t JOIN text_docs AS d USING (doc)
ORDER BY t.doc, t.term;

-- Labels: the form written most often when it is the lemma or its plural (« données »), else
-- the lemma (« demander », not « demandons »); bigrams: the pair as written most often. A name
-- or an acronym keeps its case (text_cased: « IA », « BnF », « Paris »; a pair: « Common Voice »).
-- Search: text_searches (the lemma, or the beginning all forms share, text.search_for);
-- bigrams as a quoted phrase.
INSERT INTO text_terms
WITH word_counts AS (
    SELECT w.word, v.term, sum(w.n) AS count
    FROM text_stage_words AS w JOIN text_vocab AS v USING (word)
    WHERE NOT v.is_stop
    GROUP BY ALL
),
unigram_labels AS (
    SELECT term, first(word ORDER BY count DESC, word) AS label  -- ties broken by the word: reproducible
    FROM word_counts GROUP BY term
),
pair_forms AS (
    SELECT v1.term || ' ' || v2.term AS term, f.word1 || ' ' || f.form2 AS written, f.cased, f.initial, f.n
    FROM text_stage_pair_forms AS f
    JOIN text_vocab AS v1 ON v1.word = f.word1
    JOIN text_vocab AS v2 ON v2.word = f.word2
    JOIN text_bigrams AS b ON b.term1 = v1.term AND b.term2 = v2.term
),
bigram_written AS (
    SELECT term, first(written ORDER BY n DESC, written) AS label
    FROM (SELECT term, written, sum(n) AS n FROM pair_forms GROUP BY ALL)
    GROUP BY term
),
-- the case of that pair inside sentences, kept as for words (consultation.text.cased_words)
bigram_cased AS (
    SELECT w.term, first(c.cased ORDER BY c.n DESC, c.cased) AS cased, max(c.n) AS top, sum(c.n) AS inside
    FROM bigram_written AS w
    JOIN (SELECT term, written, cased, sum(n) AS n FROM pair_forms WHERE NOT initial GROUP BY ALL) AS c
      ON c.term = w.term AND c.written = w.label
    GROUP BY w.term
),
bigram_labels AS (
    SELECT w.term, w.label,
           CASE WHEN c.cased <> w.label AND 2 * c.top > c.inside AND c.inside >= $min_cased_occurrences
                THEN c.cased ELSE w.label END AS cased_label
    FROM bigram_written AS w LEFT JOIN bigram_cased AS c USING (term)
),
answer_counts AS (
    SELECT t.term,
           count(*) AS answer_count,
           sum(t.n) AS occurrence_count,
           count(*) FILTER (WHERE x.doc IS NULL) AS voice_answer_count,
           coalesce(sum(t.n) FILTER (WHERE x.doc IS NULL), 0) AS voice_occurrence_count
    FROM text_doc_terms AS t LEFT JOIN text_dropped_docs AS x USING (doc)
    GROUP BY t.term
)
SELECT a.term,
       CASE WHEN b.label IS NOT NULL THEN b.cased_label
            WHEN replace(strip_accents(u.label), 'œ', 'oe') IN (
                 replace(strip_accents(a.term), 'œ', 'oe'),
                 replace(strip_accents(a.term), 'œ', 'oe') || 's',
                 replace(strip_accents(a.term), 'œ', 'oe') || 'x') THEN coalesce(cu.surface, u.label)
            ELSE coalesce(ct.surface, a.term) END AS label,
       CASE WHEN b.label IS NOT NULL THEN '"' || b.label || '"'
            ELSE coalesce(s.search, a.term) END AS search,
       b.label IS NOT NULL AS is_bigram,
       a.answer_count,
       a.occurrence_count,
       a.voice_answer_count,
       a.voice_occurrence_count
FROM answer_counts AS a
LEFT JOIN bigram_labels AS b USING (term)
LEFT JOIN unigram_labels AS u USING (term)
LEFT JOIN text_searches AS s USING (term)
LEFT JOIN text_cased AS cu ON cu.word = u.label
LEFT JOIN text_cased AS ct ON ct.word = a.term
ORDER BY a.term;
