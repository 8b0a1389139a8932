-- Staging tables of consultation.text_build.precompute, filled batch by batch (temporary: they
-- are not kept in the database file).
CREATE TEMP TABLE text_stage_words (doc INTEGER, word VARCHAR, n INTEGER);
CREATE TEMP TABLE text_stage_pairs (doc INTEGER, word1 VARCHAR, word2 VARCHAR, n INTEGER);
CREATE TEMP TABLE text_stage_pair_forms (word1 VARCHAR, word2 VARCHAR, form2 VARCHAR, n BIGINT);
