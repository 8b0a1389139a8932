-- export_answers: one row a réponse of the current filtered list (what the Réponses page lists),
-- in date, contribution and question order, with every label an export needs and answer_value,
-- the réponse as text (open text, choices joined with ' | ', or the number of a scale).
-- params: those of filtered_contributions.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    fa.contribution_id,
    fa.respondent_id,
    fa.submitted_at,
    t.label AS theme_label,
    p.label AS profile_label,
    s.label AS sector_label,
    o.label AS organisation_label,
    rg.label AS region_label,
    fa.is_complete,
    q.position AS question_position,
    q.label AS question_label,
    coalesce(
        fa.text,
        array_to_string(fa.choices, ' | '),
        CASE
            WHEN fa.number = floor(fa.number) THEN CAST(CAST(fa.number AS BIGINT) AS VARCHAR)
            ELSE replace(CAST(round(fa.number, 2) AS VARCHAR), '.', ',')
        END
    ) AS answer_value
FROM {{filtered_answers}} AS fa
JOIN questions AS q USING (question_id)
JOIN themes AS t ON t.theme_id = fa.theme_id
LEFT JOIN dimension_values AS p ON p.dimension = 'profile' AND p.code = fa.profile
LEFT JOIN dimension_values AS s ON s.dimension = 'sector' AND s.code = fa.sector
LEFT JOIN dimension_values AS o ON o.dimension = 'organisation_type' AND o.code = fa.organisation_type
LEFT JOIN dimension_values AS rg ON rg.dimension = 'region' AND rg.code = fa.region_code
ORDER BY fa.submitted_at, fa.contribution_id, t.position, q.position
