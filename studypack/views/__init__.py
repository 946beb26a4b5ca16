"""The view layer: how each kind prints, for the student and in the key, as ReportLab flowables.

`composer.Composer` holds the styles and the parts every kind shares (stems, options, answer
lines, source boxes, mark-scheme tables); `toolkit` the public composition helpers (indented
and shared-width tables, fitting columns to words); `questions` and `sheets` gather each kind's
view from its folder in `studypack/kinds/`, `documents/` holds one module per document kind. Views read the spec layer and the layout; they never read YAML.
"""
