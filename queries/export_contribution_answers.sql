-- export_contribution_answers: one row a réponse of a contribution of the current filtered list
-- (every réponse of the contribution, not only those matching a search or question filter:
-- the wide export shows whole contributions), with answer_value as in export_answers.
-- params: those of filtered_contributions.
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
SELECT
    a.contribution_id,
    a.question_id,
    coalesce(
        a.text,
        array_to_string(a.choices, ' | '),
        CASE
            WHEN a.number = floor(a.number) THEN CAST(CAST(a.number AS BIGINT) AS VARCHAR)
            ELSE replace(CAST(round(a.number, 2) AS VARCHAR), '.', ',')
        END
    ) AS answer_value
FROM {{filtered_contributions}} AS fc
JOIN answers AS a USING (contribution_id)
