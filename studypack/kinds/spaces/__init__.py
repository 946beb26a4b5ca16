"""Answer-space kinds: what a student writes or draws in under a short or extended question (one folder each)."""
