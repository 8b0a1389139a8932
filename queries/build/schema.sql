-- Schema of the consultation database (DESIGN.md §3). Run once on an empty file by
-- consultation.store.build_database; every importer and the demo generator fill these tables.
CREATE TABLE meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
CREATE TABLE themes (
    theme_id VARCHAR PRIMARY KEY,
    label VARCHAR NOT NULL,
    short_label VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    color VARCHAR NOT NULL
);
CREATE TABLE questions (
    question_id VARCHAR PRIMARY KEY,
    theme_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    label VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,            -- open | single | multiple | scale | yes_no
    choices VARCHAR[]                 -- labels for closed kinds, NULL for open
);
-- Labels of the coded dimensions: dimension in (profile, sector, organisation_type, region).
CREATE TABLE dimension_values (
    dimension VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    plural_label VARCHAR NOT NULL,    -- used in the French filter sentence
    position INTEGER NOT NULL,
    PRIMARY KEY (dimension, code)
);
CREATE TABLE regions (
    region_code VARCHAR PRIMARY KEY,  -- INSEE code; 99 = abroad, 00 = unknown
    name VARCHAR NOT NULL,
    population BIGINT                -- NULL for abroad / unknown
);
CREATE TABLE respondents (
    respondent_id VARCHAR PRIMARY KEY, -- pseudonymous; no name, e-mail or phone is stored
    profile VARCHAR NOT NULL,
    sector VARCHAR NOT NULL,
    organisation_type VARCHAR NOT NULL,
    region_code VARCHAR NOT NULL
);
CREATE TABLE contributions (
    contribution_id VARCHAR PRIMARY KEY,
    respondent_id VARCHAR NOT NULL,
    theme_id VARCHAR NOT NULL,
    submitted_at TIMESTAMP NOT NULL,  -- Europe/Paris wall-clock time
    is_complete BOOLEAN NOT NULL,
    source_id VARCHAR NOT NULL
);
-- One row a réponse: a non-empty answer to one question of a contribution.
CREATE TABLE answers (
    contribution_id VARCHAR NOT NULL,
    question_id VARCHAR NOT NULL,
    text VARCHAR,                     -- open answers (raw, untrusted)
    text_norm VARCHAR,                -- lower case, accents stripped, œ→oe, æ→ae, ’→' (search)
    choices VARCHAR[],                -- single / multiple / yes_no answers (labels)
    number DOUBLE                     -- scale answers
);
CREATE TABLE events (
    event_date DATE NOT NULL,
    label VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,            -- opening | webinar | closing
    theme_id VARCHAR                  -- NULL for events about the whole consultation
);
CREATE TABLE sources (
    source_id VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    file_sha256 VARCHAR,
    format VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    row_count BIGINT,
    contribution_count BIGINT,
    respondent_count BIGINT,
    answer_count BIGINT,
    report JSON
);
-- Text statistics, precomputed once by consultation.text.precompute (after normalise_answers):
-- every open answer, its terms, and groups of near-identical answers (campaigns). Rows are in
-- theme order, so a query about one theme reads only that theme's part of the tables.
CREATE TABLE open_answers (
    theme_id VARCHAR NOT NULL,
    contribution_id VARCHAR NOT NULL,
    question_id VARCHAR NOT NULL,
    word_count INTEGER NOT NULL       -- one row an answer with text (a réponse to an open question)
);
CREATE TABLE answer_terms (
    theme_id VARCHAR NOT NULL,
    contribution_id VARCHAR NOT NULL,
    question_id VARCHAR NOT NULL,
    term VARCHAR NOT NULL,            -- a lemma (« musée »), or two for a bigram (« intelligence artificiel »)
    n INTEGER NOT NULL                -- occurrences in this answer
);
CREATE TABLE text_terms (
    term VARCHAR PRIMARY KEY,
    label VARCHAR NOT NULL,           -- the form written most often (« musées », « intelligence artificielle »)
    search VARCHAR NOT NULL,          -- what the Réponses page searches for this term
    is_bigram BOOLEAN NOT NULL,
    answer_count BIGINT NOT NULL,     -- réponses that use the term, whole database
    occurrence_count BIGINT NOT NULL,
    voice_answer_count BIGINT NOT NULL,     -- the same, each group of duplicate_groups counted once
    voice_occurrence_count BIGINT NOT NULL
);
CREATE TABLE duplicate_groups (
    contribution_id VARCHAR NOT NULL,
    question_id VARCHAR NOT NULL,
    group_id VARCHAR NOT NULL         -- answers of one group are identical or nearly so
);
