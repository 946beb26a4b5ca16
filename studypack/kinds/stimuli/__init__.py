"""Stimulus kinds (what questions are about: a historical source, an extract, a poem, a figure, a data table, a story, a case study), one folder each (`spec`, `view`), found by `base.registry`."""
