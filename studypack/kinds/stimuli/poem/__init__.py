"""The poem (verse: its own lines, stanzas and indentation, numbered by its own lines): its spec and PDF view."""
