-- themes: one row a theme, in questionnaire order. params: none.
SELECT theme_id, label, short_label, position, color FROM themes ORDER BY position
