"""The spec layer: what a pack may say, and the rules it must keep. No ReportLab, no Jinja2.

`model` is the typed pack; `questions` and `sheets` gather each kind's spec (its fields, its
checks, how it shuffles for variants, what lint needs to know) from its folder in
`studypack/kinds/`; `fields` the small typed pieces kinds are made of; `references` the checks
of a question's words against the pack.
"""
