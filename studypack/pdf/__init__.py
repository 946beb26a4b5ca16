"""PDF: a document becomes pages (typeset, render), class-set forms (stamp, assemble), the preflight."""
