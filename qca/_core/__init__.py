"""The numpy core beneath the pipeline stages.

Every stage (truth table, minimization, fit, necessity, ESA, theory evaluation, robustness) uses
these modules and the other stages' public names only; this package imports nothing of ``qca``
but :mod:`qca.exceptions`. Inputs are plain arrays (no pandas), already validated by the stage
that calls them.

* :mod:`.encode` configurations, row ids, place weights, implicant codes;
* :mod:`.order` natural case order; :mod:`.names` case names packed for it and for the case
  lists; :mod:`.exact` exact sums;
* :mod:`.fitkernels` inclS, PRI, covS, covU, inclN, RoN, covN and the one 0/0 rule;
* :mod:`.terms` memberships in literals and terms;
* :mod:`.qmc`, :mod:`.primes` the prime-implicant engines; :mod:`.chart` R's PI order, row
  dominance, irredundant covers; :mod:`.cover` every minimum cover; :mod:`.memory` allocation
  guards.
"""
