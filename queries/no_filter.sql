-- no_filter: one row, one BOOLEAN: whether no filter at all is set (the params of
-- filtered_contributions all empty or NULL). DuckDB plans a query with its parameters' values,
-- so it folds this to a constant and drops the branch of a UNION ALL guarded by the other
-- value: a query can read precomputed totals (queries/build/text_totals.sql) when nothing is
-- filtered and compute from the filtered rows otherwise, under one name, so that the two can
-- never be told apart by a page (measured: the unused branch costs nothing, not even a scan).
-- Base query: included as {{no_filter}}, a scalar subquery (WHERE {{no_filter}}).
-- params: those of filtered_contributions.
SELECT len($themes::VARCHAR[]) = 0
   AND len($profiles::VARCHAR[]) = 0
   AND len($sectors::VARCHAR[]) = 0
   AND len($organisation_types::VARCHAR[]) = 0
   AND len($regions::VARCHAR[]) = 0
   AND $date_from::DATE IS NULL
   AND $date_to::DATE IS NULL
   AND $complete::BOOLEAN IS NULL
   AND $answer_question_id::VARCHAR IS NULL
   AND $question_id::VARCHAR IS NULL
   AND len($search_terms::VARCHAR[]) = 0 AS yes
