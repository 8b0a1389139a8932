-- source_list: one row a file imported into the database, newest first, with the counts of its
-- import report and how many of its contributions are in the database now. The whole database
-- (provenance does not depend on the filters). params: none.
SELECT
    s.source_id,
    s.file_name,
    s.format,
    s.imported_at,
    s.row_count,
    s.contribution_count,
    s.respondent_count,
    s.answer_count,
    CAST(s.report AS VARCHAR) AS report,
    (SELECT count(*) FROM contributions AS c WHERE c.source_id = s.source_id)::BIGINT AS current_contribution_count
FROM sources AS s
ORDER BY s.imported_at DESC, s.source_id
