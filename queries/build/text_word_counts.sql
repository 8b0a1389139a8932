-- text_word_counts: one row a distinct word of the corpus, with its number of occurrences.
SELECT word, sum(n)::BIGINT AS count FROM text_stage_words GROUP BY word ORDER BY word
