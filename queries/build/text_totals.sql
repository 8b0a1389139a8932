-- The Textes and Données figures over every contribution (no filter at all), precomputed after
-- text_keys.sql. The queries read them when nothing is filtered ({{no_filter}}), as
-- text_term_counts reads the totals of text_terms: at 1M contributions, every open réponse
-- (2.4M) joined to its contribution and group costs 200-800 ms a query, and that is the Textes
-- page as first opened.

-- text_all_voices: one row an open réponse (open_answer_facts) with the columns the Textes splits
-- use, and whether it is a voice when campaigns count once (text_voices with $one_voice and no
-- filter): alone, or the first réponse of its group of near-identical answers (smallest
-- contribution id; a group holds one réponse a contribution, to one question).
CREATE TEMP TABLE text_all_voices AS
SELECT
    o.contribution_key,
    o.question_key,
    f.contribution_id,
    sq.question_id,
    f.theme_id,
    f.profile,
    f.submitted_at::DATE AS day,
    f.respondent_key,
    g.group_id,
    g.group_id IS NULL
        OR f.contribution_id = min(f.contribution_id) OVER (PARTITION BY g.group_id) AS is_voice
FROM open_answer_facts AS o
JOIN contribution_facts AS f USING (contribution_key)
JOIN search_questions AS sq USING (question_key)
LEFT JOIN duplicate_group_keys AS g USING (contribution_key, question_key);

-- text_totals: one row, text_summary without filters.
CREATE TABLE text_totals AS
SELECT
    count(*)::BIGINT AS answer_count,
    count(*) FILTER (WHERE is_voice)::BIGINT AS voice_count,
    count(group_id)::BIGINT AS grouped_answer_count,
    count(DISTINCT respondent_key)::BIGINT AS respondent_count,
    count(DISTINCT contribution_key)::BIGINT AS contribution_count
FROM text_all_voices;

-- voice_draws: one row an open réponse, in the order text_topic_terms draws its sample (md5 of
-- contribution and question ids, ties by ids): draw_rank, with is_voice as above. Without a
-- filter the sample is the first réponses here: no md5 of 2.4M ids at run time.
CREATE TABLE voice_draws AS
SELECT
    (row_number() OVER (ORDER BY md5(contribution_id || '#' || question_id), contribution_id, question_id))::INTEGER
        AS draw_rank,
    contribution_key,
    question_key,
    is_voice
FROM text_all_voices
ORDER BY draw_rank;

-- text_side_totals: the open réponses of one value of a split of the Textes comparison
-- (text_group_sizes): split 'profil' (value: a profile), 'theme' (value: a theme id) or
-- 'periode' (day: the day submitted; a pivot date splits days, as submitted_at < $pivot_date),
-- by is_voice: answer_count, and respondents, the bitmap of their respondent_key (a side's
-- distinct répondants are the set bits of its values' bitmaps OR-ed: one répondant may answer
-- on several days or themes). Every bitmap spans the same key range: the column's bounds.
CREATE TABLE text_side_totals AS
SELECT
    CASE WHEN grouping(profile) = 0 THEN 'profil' WHEN grouping(theme_id) = 0 THEN 'theme' ELSE 'periode' END AS split,
    coalesce(profile, theme_id) AS value,
    day,
    is_voice,
    count(*)::BIGINT AS answer_count,
    bitstring_agg(respondent_key) AS respondents
FROM text_all_voices
GROUP BY GROUPING SETS ((profile, is_voice), (theme_id, is_voice), (day, is_voice))
ORDER BY split, value, day, is_voice;

-- text_side_term_totals: the terms of the same rows (text_group_term_counts without filters):
-- occurrence_count and answer_count of each term a (split, value or day, is_voice).
CREATE TABLE text_side_term_totals AS
WITH used AS (
    SELECT v.profile, v.theme_id, v.day, v.is_voice, unnest(tl.term_keys) AS term_key, unnest(tl.ns) AS n
    FROM text_all_voices AS v
    JOIN term_lists AS tl USING (contribution_key, question_key)
)
SELECT
    CASE WHEN grouping(profile) = 0 THEN 'profil' WHEN grouping(theme_id) = 0 THEN 'theme' ELSE 'periode' END AS split,
    coalesce(profile, theme_id) AS value,
    day,
    is_voice,
    term_key,
    sum(n)::BIGINT AS occurrence_count,
    count(*)::BIGINT AS answer_count
FROM used
GROUP BY GROUPING SETS ((profile, is_voice, term_key), (theme_id, is_voice, term_key), (day, is_voice, term_key))
ORDER BY split, value, day, is_voice, term_key;

-- question_answer_totals: every contribution's réponses counted a question (data_quality_questions
-- without filters: 8.4M answer keys at 1M).
CREATE TABLE question_answer_totals AS
SELECT question_id, count(*)::BIGINT AS answer_count
FROM answer_index
GROUP BY question_id
ORDER BY question_id;

DROP TABLE text_all_voices;
