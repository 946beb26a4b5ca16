"""The circle question kind ("Circle the odd one out"): its spec, PDF view, Word and Moodle forms."""
