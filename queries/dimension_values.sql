-- dimension_values: one row a coded value of a respondent dimension (profile, sector,
-- organisation_type, region), with its French labels, in display order. params: none.
SELECT dimension, code, label, plural_label, position FROM dimension_values ORDER BY dimension, position
