"""The kinds: one folder per question kind and per sheet kind, holding its spec, its PDF view and its Word and Moodle forms."""
