"""Formulas on the page: STIX Two Math registered with ReportLab, ziamath's layout read back as
geometry, drawn as vector glyphs on a baseline; display formulas as flowables. The reading half
(parse, check, speak) is `studypack.spec.maths`. Setting one is `layout.layout`; this package
imports none of its modules, as every paragraph goes through `inline` and only a formula needs
the layout engine (start-up speed)."""
