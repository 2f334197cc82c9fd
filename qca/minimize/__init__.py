"""Boolean minimization: prime implicants, PI charts and minimal solutions."""
