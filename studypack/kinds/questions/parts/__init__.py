"""The parts question kind: its spec, PDF view, Word and Moodle forms."""
