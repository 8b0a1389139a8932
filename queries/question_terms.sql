-- question_terms: one row a (open question of theme $theme_id, term): its $limit most frequent
-- terms, most frequent first, among the réponses passing the filters. Terms are those of the
-- Textes page (answer_terms, precomputed by consultation.text: lemmas of content words and
-- frequent bigrams), shown by their usual written form (text_terms.label); terms in $excluded
-- (words of the whole consultation's subject) are left out. answer_count: réponses that use the
-- term; occurrence_count: its occurrences; share_pct: answer_count / réponses to the question;
-- search: what the Réponses page searches to list the réponses that use it (text_terms.search).
-- Counted on integer keys: term_lists and {{open_answer_keys}}, or question_term_totals when no
-- filter narrows the theme (queries/build/text_keys.sql).
-- params: $theme_id, $excluded (VARCHAR[]), $limit (per question), and those of filtered_contributions.
-- example params: {"theme_id": "metavers", "excluded": ["numérique"], "limit": 10}
WITH q AS (
    SELECT sq.question_key, q.question_id
    FROM questions AS q
    JOIN search_questions AS sq USING (question_id)
    WHERE q.theme_id = $theme_id::VARCHAR AND q.kind = 'open'
),
fa AS (
    SELECT oa.contribution_key, oa.question_key
    FROM {{open_answer_keys}} AS oa
    WHERE oa.theme_id = $theme_id::VARCHAR AND oa.question_key IN (SELECT question_key FROM q)
),
totals AS (SELECT question_key, count(*) AS question_answer_count FROM fa GROUP BY question_key),
excluded AS (SELECT term_key FROM term_keys WHERE list_contains($excluded::VARCHAR[], term)),
-- No filter narrows the theme: every réponse counts, as precomputed in question_term_totals.
unfiltered AS (
    SELECT (len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], $theme_id::VARCHAR))
        AND len($profiles::VARCHAR[]) = 0 AND len($sectors::VARCHAR[]) = 0
        AND len($organisation_types::VARCHAR[]) = 0 AND len($regions::VARCHAR[]) = 0
        AND $date_from::DATE IS NULL AND $date_to::DATE IS NULL AND $complete::BOOLEAN IS NULL
        AND $answer_question_id::VARCHAR IS NULL AND $question_id::VARCHAR IS NULL
        AND len($search_terms::VARCHAR[]) = 0 AS yes
),
-- Two branches, one folded away by its guard.
counted AS (
    SELECT t.question_key, t.term_key, t.answer_count, t.occurrence_count
    FROM question_term_totals AS t
    WHERE (SELECT yes FROM unfiltered)
      AND t.question_key IN (SELECT question_key FROM q) AND t.term_key NOT IN (SELECT term_key FROM excluded)
    UNION ALL
    SELECT t.question_key, t.term_key, count(*) AS answer_count, sum(t.n) AS occurrence_count
    FROM (
        SELECT tl.question_key, unnest(tl.term_keys) AS term_key, unnest(tl.ns) AS n
        FROM term_lists AS tl
        SEMI JOIN fa ON fa.contribution_key = tl.contribution_key AND fa.question_key = tl.question_key
        WHERE NOT (SELECT yes FROM unfiltered) AND tl.question_key IN (SELECT question_key FROM q)
    ) AS t
    WHERE t.term_key NOT IN (SELECT term_key FROM excluded)
    GROUP BY ALL
)
SELECT
    q.question_id,
    k.term,
    coalesce(tt.label, k.term) AS label,
    coalesce(tt.search, k.term) AS search,
    c.answer_count::BIGINT AS answer_count,
    c.occurrence_count::BIGINT AS occurrence_count,
    (100.0 * c.answer_count / t.question_answer_count)::DOUBLE AS share_pct
FROM counted AS c
JOIN totals AS t USING (question_key)
JOIN q USING (question_key)
JOIN term_keys AS k USING (term_key)
LEFT JOIN text_terms AS tt ON tt.term = k.term
QUALIFY row_number() OVER (PARTITION BY q.question_id ORDER BY c.answer_count DESC, c.occurrence_count DESC, k.term)
    <= $limit::INTEGER
ORDER BY q.question_id, c.answer_count DESC, c.occurrence_count DESC, k.term
