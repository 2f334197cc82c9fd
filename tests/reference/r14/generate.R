# R QCA 3.25 generate() and complexity().
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/generate.R > tests/reference/r14/generate.json
suppressMessages({library(QCA); library(jsonlite)})
# admisc 0.39.1 combnk() calls QCA::combint, which QCA 3.25 does not export: use utils::combn
utils::assignInNamespace("combnk", function(n, k, ...) utils::combn(n, k), ns = "admisc")
g <- function(...) { d <- generate(...); list(columns = colnames(d), values = unname(as.matrix(d))) }
out <- list(
  g1 = g("A + ~B*C"),
  g2 = g("DEV*~IND + URB*STB -> SURV"),
  g3 = g("A[2] + B[1]*C[0]", snames = "A, B, C", noflevels = c(3, 2, 2)),
  c1 = complexity(5),
  c2 = complexity(4, layers = 2:3, noflevels = c(3, 2, 2, 2)),
  c3 = complexity(7, noflevels = c(2, 3, 4, 2, 2, 3, 2))
)
cat(toJSON(out, pretty = TRUE))
