-- Staging tables of consultation.text_build.precompute, filled batch by batch (temporary: they
-- are not kept in the database file).
CREATE TEMP TABLE text_stage_words (doc INTEGER, word VARCHAR, n INTEGER);
CREATE TEMP TABLE text_stage_pairs (doc INTEGER, word1 VARCHAR, word2 VARCHAR, n INTEGER);
-- text_stage_pair_forms: cased is the pair as written with its case, initial whether it opens a sentence.
CREATE TEMP TABLE text_stage_pair_forms (
    word1 VARCHAR, word2 VARCHAR, form2 VARCHAR, cased VARCHAR, initial BOOLEAN, n BIGINT
);
-- How often each content word is written in each case inside sentences (text.surface_counts).
CREATE TEMP TABLE text_stage_surfaces (word VARCHAR, surface VARCHAR, n BIGINT);
