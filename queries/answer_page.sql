-- answer_page: one row a réponse of one page of the current filtered list: $limit rows from
-- $offset, in $sort order, with the labels the list shows (theme, profile, region, question).
-- $sort is one of consultation.answers.SORTS (checked in Python): date_desc, date_asc, theme,
-- profil, region, question, longueur; ties are broken by date, contribution and question order
-- so that pages never overlap.
-- With $from_end, the list is read from its other end: the order reversed and $offset counted
-- from the last réponse, the rows still returned in the list's order. consultation.answers
-- (ListState.page_params) asks for it past the middle of the list, where ordering the first
-- $offset + $limit réponses costs most: the last page of the unfiltered list in date order at
-- 1M took 4 s.
-- params: those of filtered_contributions, $sort (VARCHAR), $limit, $offset (BIGINT), $from_end (BOOLEAN).
-- example params: {"sort": "date_desc", "limit": 25, "offset": 0, "from_end": false}
WITH ordered AS (
    -- The orders by question and by length order every filtered réponse, on keys
    -- (filtered_answer_keys reads no text): a réponse's length is the one precomputed for the
    -- open réponses (open_answer_facts.chars), 0 for the others (reading 8.4M texts for their
    -- length took 1.5 s at 1M). Folded away for the other orders.
    SELECT fa.*, coalesce(o.chars, 0)::BIGINT AS text_length
    FROM {{filtered_answer_keys}} AS fa
    JOIN search_questions AS sq ON sq.question_id = fa.question_id
    LEFT JOIN open_answer_facts AS o
        ON $sort::VARCHAR = 'longueur' AND o.contribution_key = fa.contribution_key AND o.question_key = sq.question_key
    WHERE $sort::VARCHAR IN ('question', 'longueur')
),
contribution_order AS (
    -- The orders by date, theme, profile and region list each contribution's réponses together,
    -- contributions in (group, date, id) order, so a page's réponses are among those of the
    -- first $offset + $limit contributions that have one (every contribution of the list does,
    -- but those without any answer when no question or search filter applies). Their réponses
    -- are then found as {{filtered_answer_keys}} finds them, for these few contributions only:
    -- ordering every filtered réponse was most of an unfiltered page at 1M (8.4M rows). A label
    -- table is joined only for its own order (the other joins' guards fold to false).
    SELECT
        fc.*,
        CASE $sort::VARCHAR
            WHEN 'theme' THEN t.position
            WHEN 'profil' THEN p.position
            WHEN 'region' THEN rg.position
            ELSE 0
        END AS sort_group,
        CASE WHEN $sort::VARCHAR = 'date_asc' THEN epoch_us(fc.submitted_at) ELSE -epoch_us(fc.submitted_at) END
            AS sort_date
    FROM {{filtered_contributions}} AS fc
    LEFT JOIN themes AS t ON $sort::VARCHAR = 'theme' AND t.theme_id = fc.theme_id
    LEFT JOIN dimension_values AS p
        ON $sort::VARCHAR = 'profil' AND p.dimension = 'profile' AND p.code = fc.profile
    LEFT JOIN dimension_values AS rg
        ON $sort::VARCHAR = 'region' AND rg.dimension = 'region' AND rg.code = fc.region_code
    WHERE $sort::VARCHAR IN ('date_desc', 'date_asc', 'theme', 'profil', 'region') AND fc.answer_count > 0
),
first_contributions AS (
    -- In the list's order, or in its exact reverse with $from_end: two branches, one folded
    -- away (one ORDER BY switched by CASEs cost 27 ms at page 1 000 of 1M).
    (SELECT * FROM contribution_order WHERE NOT $from_end::BOOLEAN
     ORDER BY sort_group NULLS LAST, sort_date, contribution_id
     LIMIT $offset::BIGINT + $limit::BIGINT)
    UNION ALL
    (SELECT * FROM contribution_order WHERE $from_end::BOOLEAN
     ORDER BY sort_group DESC NULLS FIRST, sort_date DESC, contribution_id DESC
     LIMIT $offset::BIGINT + $limit::BIGINT)
),
first_answers AS (
    SELECT fc.*, a.question_id
    FROM first_contributions AS fc
    JOIN answer_index AS a ON a.contribution_key = fc.contribution_key
    WHERE len($search_terms::VARCHAR[]) = 0
      AND ($question_id::VARCHAR IS NULL OR a.question_id = $question_id::VARCHAR)
    UNION ALL
    SELECT fc.*, h.question_id
    FROM first_contributions AS fc
    JOIN search_hit_keys AS h ON h.contribution_key = fc.contribution_key
    WHERE len($search_terms::VARCHAR[]) > 0
      AND ($question_id::VARCHAR IS NULL OR h.question_id = $question_id::VARCHAR)
),
page_rows AS (
    -- Two branches, one folded away by its guard: an order by contribution (date, the default,
    -- theme, profile, region) reads the réponses of its first contributions (joining labels to
    -- every filtered réponse was most of an unfiltered page at 1M: 8.4M rows through three
    -- joins); the orders by question and by length order every filtered réponse. The column
    -- list is written twice on purpose: one branch over the union of both sources, with the
    -- label joins, was 15-25 ms slower at 1M (measured, same rows).
    SELECT
        fa.contribution_id,
        fa.contribution_key,
        fa.respondent_id,
        fa.theme_id,
        fa.submitted_at,
        fa.is_complete,
        fa.profile,
        fa.region_code,
        fa.question_id,
        fa.sort_group,
        0 AS sort_within,
        fa.sort_date,
        q.position AS question_position
    FROM first_answers AS fa
    JOIN questions AS q USING (question_id)
    WHERE $sort::VARCHAR IN ('date_desc', 'date_asc', 'theme', 'profil', 'region')
    UNION ALL
    SELECT
        fa.contribution_id,
        fa.contribution_key,
        fa.respondent_id,
        fa.theme_id,
        fa.submitted_at,
        fa.is_complete,
        fa.profile,
        fa.region_code,
        fa.question_id,
        CASE WHEN $sort::VARCHAR = 'question' THEN t.position ELSE 0 END AS sort_group,
        CASE $sort::VARCHAR
            WHEN 'question' THEN q.position
            WHEN 'longueur' THEN -fa.text_length
            ELSE 0
        END AS sort_within,
        -epoch_us(fa.submitted_at) AS sort_date,
        q.position AS question_position
    FROM ordered AS fa
    JOIN questions AS q USING (question_id)
    JOIN themes AS t ON t.theme_id = fa.theme_id
    WHERE $sort::VARCHAR IN ('question', 'longueur')
),
page AS (
    -- $limit rows from $offset in the list's order, or in its exact reverse with $from_end
    (SELECT * FROM page_rows WHERE NOT $from_end::BOOLEAN
     ORDER BY sort_group NULLS LAST, sort_within, sort_date, contribution_id, question_position
     LIMIT $limit::BIGINT OFFSET $offset::BIGINT)
    UNION ALL
    (SELECT * FROM page_rows WHERE $from_end::BOOLEAN
     ORDER BY sort_group DESC NULLS FIRST, sort_within DESC, sort_date DESC, contribution_id DESC,
              question_position DESC
     LIMIT $limit::BIGINT OFFSET $offset::BIGINT)
),
valued AS (
    -- The few rows of the page fetch their answer: from the open réponses when searching (all
    -- matches are open), else from every answer.
    SELECT page.*, sa.text, NULL::VARCHAR[] AS choices, NULL::DOUBLE AS number
    FROM page
    JOIN search_answers AS sa ON sa.contribution_key = page.contribution_key AND sa.question_id = page.question_id
    WHERE len($search_terms::VARCHAR[]) > 0
    UNION ALL
    SELECT page.*, a.text, a.choices, a.number
    FROM page
    JOIN answers AS a ON a.contribution_id = page.contribution_id AND a.question_id = page.question_id
    WHERE len($search_terms::VARCHAR[]) = 0
)
SELECT
    page.contribution_id,
    page.respondent_id,
    page.theme_id,
    t.short_label AS theme_label,
    t.color AS theme_color,
    page.submitted_at,
    page.is_complete,
    page.profile,
    p.label AS profile_label,
    page.region_code,
    rg.label AS region_label,
    page.question_id,
    page.question_position,
    q.label AS question_label,
    q.kind AS question_kind,
    page.text,
    page.choices,
    page.number
FROM valued AS page
JOIN questions AS q ON q.question_id = page.question_id
JOIN themes AS t ON t.theme_id = page.theme_id
LEFT JOIN dimension_values AS p ON p.dimension = 'profile' AND p.code = page.profile
LEFT JOIN dimension_values AS rg ON rg.dimension = 'region' AND rg.code = page.region_code
ORDER BY page.sort_group NULLS LAST, page.sort_within, page.sort_date, page.contribution_id, page.question_position
