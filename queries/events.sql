-- events: one row an event of the consultation's communication (opening, webinars, closing),
-- in date order; an event about two themes has two rows.
-- params: none.
SELECT e.event_date, e.label, e.kind, e.theme_id, t.short_label AS theme_short_label, t.color AS theme_color
FROM events AS e
LEFT JOIN themes AS t USING (theme_id)
ORDER BY e.event_date, t.position
