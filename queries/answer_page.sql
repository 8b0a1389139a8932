-- answer_page: one row a réponse of one page of the current filtered list: $limit rows from
-- $offset, in $sort order, with the labels the list shows (theme, profile, region, question).
-- $sort is one of consultation.answers.SORTS (checked in Python): date_desc, date_asc, theme,
-- profil, region, question, longueur; ties are broken by date, contribution and question order
-- so that pages never overlap.
-- params: those of filtered_contributions, $sort (VARCHAR), $limit, $offset (BIGINT).
-- example params: {"sort": "date_desc", "limit": 25, "offset": 0}
WITH page AS (
    -- The page's rows carry their own columns: no join back to the 8.5M answers at 1M.
    SELECT
        fa.contribution_id,
        fa.respondent_id,
        fa.theme_id,
        fa.submitted_at,
        fa.is_complete,
        fa.profile,
        fa.region_code,
        fa.question_id,
        fa.text,
        fa.choices,
        fa.number,
        CASE $sort::VARCHAR
            WHEN 'theme' THEN t.position
            WHEN 'question' THEN t.position
            WHEN 'profil' THEN p.position
            WHEN 'region' THEN rg.position
            ELSE 0
        END AS sort_group,
        CASE $sort::VARCHAR
            WHEN 'question' THEN q.position
            WHEN 'longueur' THEN -coalesce(length(fa.text), 0)
            ELSE 0
        END AS sort_within,
        CASE WHEN $sort::VARCHAR = 'date_asc' THEN epoch_us(fa.submitted_at) ELSE -epoch_us(fa.submitted_at) END
            AS sort_date,
        q.position AS question_position
    FROM {{filtered_answers}} AS fa
    JOIN questions AS q USING (question_id)
    JOIN themes AS t ON t.theme_id = fa.theme_id
    LEFT JOIN dimension_values AS p ON p.dimension = 'profile' AND p.code = fa.profile
    LEFT JOIN dimension_values AS rg ON rg.dimension = 'region' AND rg.code = fa.region_code
    ORDER BY sort_group NULLS LAST, sort_within, sort_date, fa.contribution_id, question_position
    LIMIT $limit::BIGINT OFFSET $offset::BIGINT
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
FROM page
JOIN questions AS q ON q.question_id = page.question_id
JOIN themes AS t ON t.theme_id = page.theme_id
LEFT JOIN dimension_values AS p ON p.dimension = 'profile' AND p.code = page.profile
LEFT JOIN dimension_values AS rg ON rg.dimension = 'region' AND rg.code = page.region_code
ORDER BY page.sort_group NULLS LAST, page.sort_within, page.sort_date, page.contribution_id, page.question_position
