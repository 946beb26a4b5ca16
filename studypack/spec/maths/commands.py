"""The TeX a teacher may type: the commands the maths engine knows, each with its spoken words.

A command not listed is refused with a "did you mean", rather than printed raw. Symbols read
aloud as their words here; structural commands (fractions, roots) are spoken from their shape.
"""

from __future__ import annotations

GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi "
         "rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
         "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega").split()

SYMBOLS: dict[str, str] = {
    "times": "times", "div": "divided by", "pm": "plus or minus", "mp": "minus or plus", "cdot": "times",
    "approx": "is approximately", "neq": "is not equal to", "ne": "is not equal to", "equiv": "is equivalent to",
    "leq": "is less than or equal to", "le": "is less than or equal to", "geq": "is greater than or equal to",
    "ge": "is greater than or equal to", "ll": "is much less than", "gg": "is much greater than", "sim": "is similar to",
    "propto": "is proportional to", "degree": "degrees", "circ": "degrees", "infty": "infinity", "partial": "partial",
    "nabla": "del", "angle": "angle", "triangle": "triangle", "perp": "is perpendicular to", "parallel": "is parallel to",
    "in": "is in", "notin": "is not in", "subset": "is a subset of", "subseteq": "is a subset of or equal to",
    "cup": "union", "cap": "intersection", "emptyset": "the empty set", "forall": "for all", "exists": "there exists",
    "to": "tends to", "rightarrow": "gives", "leftarrow": "from", "Rightarrow": "implies", "Leftarrow": "is implied by",
    "Leftrightarrow": "if and only if", "leftrightarrow": "both ways", "longrightarrow": "gives", "longleftarrow": "from",
    "rightleftharpoons": "is in equilibrium with", "rightharpoonup": "gives", "uparrow": "gas given off",
    "downarrow": "precipitate", "mapsto": "maps to", "ldots": "dot dot dot", "cdots": "dot dot dot", "dots": "dot dot dot",
    "prime": "prime", "therefore": "therefore", "because": "because", "ohm": "ohms", "micro": "micro", "percent": "percent",
    "sum": "the sum", "prod": "the product", "int": "the integral", "lim": "the limit", "sin": "sine", "cos": "cosine",
    "tan": "tan", "log": "log", "ln": "natural log", "exp": "exp", "min": "min", "max": "max",
    "lbrace": "open brace", "rbrace": "close brace", "langle": "open angle bracket", "rangle": "close angle bracket",
    "vert": "bar", "mid": "given", "neg": "not", "land": "and", "lor": "or", "star": "star", "ast": "star", "bullet": "dot",
}

STRUCTURE = {  # command -> how many arguments it takes
    "frac": 2, "dfrac": 2, "tfrac": 2, "binom": 2, "sqrt": 1, "text": 1, "mathrm": 1, "mathbf": 1, "mathit": 1,
    "mathbb": 1, "mathcal": 1, "boldsymbol": 1, "operatorname": 1, "vec": 1, "overrightarrow": 1, "hat": 1, "bar": 1,
    "overline": 1, "underline": 1, "dot": 1, "ddot": 1, "tilde": 1, "ce": 1, "unit": 1, "si": 1, "qty": 2, "SI": 2,
    "left": 0, "right": 0, "begin": 1, "end": 1, "quad": 0, "qquad": 0, "displaystyle": 0, "limits": 0,
}

ENVIRONMENTS = ("matrix", "pmatrix", "bmatrix", "vmatrix", "Bmatrix", "cases", "aligned", "array")

KNOWN = frozenset(GREEK) | frozenset(SYMBOLS) | frozenset(STRUCTURE)
