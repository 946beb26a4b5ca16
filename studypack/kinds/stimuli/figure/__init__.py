"""The figure (a chart, map, photo or diagram, with caption and credit): its spec and PDF view."""
