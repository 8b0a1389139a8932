-- database_info: one row a key of the meta table (schema_version, source, is_demo, ...),
-- plus the date span of the contributions as first_day / last_day. The importers' pseudonym
-- salt stays in the file: no page needs it. params: none.
SELECT key, value FROM meta WHERE key <> 'pseudonym_salt'
UNION ALL SELECT 'first_day', CAST(min(submitted_at)::DATE AS VARCHAR) FROM contributions
UNION ALL SELECT 'last_day', CAST(max(submitted_at)::DATE AS VARCHAR) FROM contributions
