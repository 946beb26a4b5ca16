"""The multiple-choice question kind: its spec, PDF view, Word and Moodle forms."""
