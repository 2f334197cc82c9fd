# R QCA 3.25 modelFit(): the four regions of a model against a theory, as R writes them (admisc
# 0.39.1 invert() and intersection()), and their fuzzy fit figures. Theories are chosen so that
# a negation has several minimal sums of products (admisc takes the first in R's order) and
# regions are not minimal sums. Reference for tests/test_theory_r.py.
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/model_fit.R > tests/reference/r14/model_fit.json
suppressMessages({library(QCA); library(jsonlite)})
data(LF); data(CVF); data(d.jobsecurity)
one <- function(pof) {
  ic <- pof$incl.cov
  list(model = unname(pof$modelfit$model), theory = pof$modelfit$theory,
       regions = as.list(pof$modelfit$intersections),
       rows = rownames(ic), inclS = ic[, 1], PRI = ic[, 2], covS = ic[, 3])
}
run <- function(dataset, outcome, incl.cut, theory) {
  data <- get(dataset)
  sol <- minimize(truthTable(data, outcome, incl.cut = incl.cut), include = "?")
  mf <- modelFit(sol, theory)
  if (!is.null(mf$modelfit)) mf <- list(mf)
  list(dataset = dataset, outcome = outcome, incl_cut = incl.cut, theory = theory,
       fits = lapply(mf, one))
}
out <- list(
  run("LF", "SURV", 0.8, "DEV*STB"),
  run("LF", "SURV", 0.8, "DEV*URB*STB + ~DEV*~URB*~STB"),
  run("LF", "SURV", 0.8, "~LIT + DEV*~IND"),
  run("LF", "~SURV", 0.8, "~DEV*~URB*LIT + DEV*URB*~LIT + ~STB"),
  run("CVF", "PROTEST", 0.85, "DEMOC*~ETHFRACT + GEOCON"),
  run("CVF", "PROTEST", 0.85, "DEMOC*GEOCON*POLDIS + ~DEMOC*~GEOCON*~POLDIS"),
  run("d.jobsecurity", "JSR", 0.9, "S*C + ~L*R"),
  run("d.jobsecurity", "JSR", 0.9, "S*L*P + ~S*~L*~P")
)
cat(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "\n")
