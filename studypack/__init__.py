"""studypack: printable study packs — worksheets, source-analysis sheets, answer keys — from YAML."""

__version__ = "0.1.0"
