"""Analysis dashboard of the Ministère de la Culture's consultation on its stratégie numérique culturelle."""
