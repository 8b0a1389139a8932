-- database_info: one row a key of the meta table (schema_version, source, is_demo, ...),
-- plus the date span of the contributions as first_day / last_day. params: none.
SELECT key, value FROM meta
UNION ALL SELECT 'first_day', CAST(min(submitted_at)::DATE AS VARCHAR) FROM contributions
UNION ALL SELECT 'last_day', CAST(max(submitted_at)::DATE AS VARCHAR) FROM contributions
