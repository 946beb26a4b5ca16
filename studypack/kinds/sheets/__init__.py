"""Sheet kinds, one folder each (`spec`, `view`), found by `base.registry`; `rules` and `question_sheet` they share."""
