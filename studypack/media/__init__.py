"""Type and pictures: embedded fonts, pictures, inline markup and the Jinja2 sandbox."""
