# admisc 0.39.1 (with R QCA 3.25) on random expressions, as reference for
# tests/test_admisc_choice.py: invert() of expressions whose negation has several minimal sums
# of products (every one listed; admisc's invert()[[1]][1], which modelFit() uses, is the first),
# and modelFit()'s route for random model/theory pairs: both negations and the four
# intersection() calls. The inputs (admisc_choice_cases.json) were drawn at random in Python.
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/admisc_choice.R > tests/reference/r14/admisc_choice.json
suppressMessages({library(QCA); library(jsonlite)})
cases <- fromJSON("tests/reference/r14/admisc_choice_cases.json", simplifyVector = FALSE)
inv <- lapply(cases$invert, function(cs) {
  snames <- unlist(cs$conds)
  list(conds = cs$conds, expr = cs$expr,
       r = as.list(unclass(invert(cs$expr, snames = snames, noflevels = rep(2, length(snames)))[[1]])))
})
mf <- lapply(cases$modelfit, function(cs) {
  snames <- unlist(cs$conds); noflevels <- rep(2, length(snames))
  theory <- cs$theory; expression <- cs$model
  negtheory <- invert(theory, snames = snames, noflevels = noflevels)[[1]][1]
  negexp <- invert(expression, snames = snames, noflevels = noflevels)[[1]][1]
  a <- list(snames = snames, noflevels = noflevels)
  ints <- c(do.call(admisc::intersection, c(list(theory, expression), a)),
            do.call(admisc::intersection, c(list(negtheory, expression), a)),
            do.call(admisc::intersection, c(list(theory, negexp), a)),
            do.call(admisc::intersection, c(list(negtheory, negexp), a)))
  list(conds = cs$conds, model = expression, theory = theory, negtheory = negtheory,
       negexp = negexp, regions = as.list(unclass(ints)))
})
cat(toJSON(list(invert = inv, modelfit = mf), auto_unbox = TRUE, pretty = TRUE), "\n")
