"""The categorise question kind: its spec, PDF view, Word and Moodle forms."""
