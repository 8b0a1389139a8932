-- text_duplicate_days: one row a (group, day) for the groups of near-identical réponses in
-- $group_ids among the réponses passing the filters: how many réponses of the group that day.
-- params: $group_ids (VARCHAR[]), and those of filtered_contributions.
-- example params: {"group_ids": ["G00001"]}
SELECT group_id, submitted_at::DATE AS day, count(*)::BIGINT AS answer_count
FROM {{text_open_answers}}
WHERE list_contains($group_ids::VARCHAR[], group_id)
GROUP BY ALL
ORDER BY group_id, day
