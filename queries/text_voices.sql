-- text_voices: one row an open réponse passing the filters that counts as one voice. Without
-- $one_voice, every such réponse; with it, the réponses of one group of near-identical answers
-- (duplicate_groups: a campaign) count once, through the group's first réponse among the
-- filtered ones (smallest contribution id). With the réponse's integer keys and the
-- respondent's (respondent_key: distinct counts on integers).
-- Base query: other text queries include it as {{text_voices}}.
-- params: $one_voice (BOOLEAN), and those of filtered_contributions.
-- example params: {"one_voice": true}
-- rows: many (up to one a réponse: consultation.db reads it without copying the rows)
WITH oa AS (SELECT * FROM {{text_open_answers}})
SELECT contribution_id, question_id, theme_id, respondent_id, respondent_key, profile, submitted_at, group_id,
       contribution_key, question_key
FROM oa
WHERE group_id IS NULL OR NOT $one_voice::BOOLEAN
UNION ALL
SELECT arg_min(contribution_id, contribution_id), arg_min(question_id, contribution_id),
       arg_min(theme_id, contribution_id), arg_min(respondent_id, contribution_id),
       arg_min(respondent_key, contribution_id),
       arg_min(profile, contribution_id), arg_min(submitted_at, contribution_id), group_id,
       arg_min(contribution_key, contribution_id), arg_min(question_key, contribution_id)
FROM oa
WHERE group_id IS NOT NULL AND $one_voice::BOOLEAN
GROUP BY group_id
