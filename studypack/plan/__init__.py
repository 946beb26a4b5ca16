"""Planning: which documents a build writes, lint warnings, variants, the editor schema, board profiles."""
