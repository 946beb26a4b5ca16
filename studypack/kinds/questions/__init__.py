"""Question kinds, one folder each (`spec`, `view`, `word`, `moodle`), found by `base.registry`."""
