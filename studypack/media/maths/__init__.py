"""Formulas on the page: STIX Two Math registered with ReportLab, ziamath's layout read back as
geometry, drawn as vector glyphs on a baseline; display formulas as flowables. The reading half
(parse, check, speak) is `studypack.spec.maths`."""

from studypack.media.maths.layout import Layout, layout

__all__ = ["Layout", "layout"]
