# R QCA 3.25: superSubset(relation = "sufnec"), pofind, pof(add = ) with Haesebrouck's
# consistency and SetMethods' PRODUCT (formulas as SetMethods::QCAfit).
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/fit.R > tests/reference/r14/fit.json
suppressMessages({library(QCA); library(jsonlite)})
data(LF); data(CVF); data(LM)
tab <- function(ic) list(rows = rownames(ic), columns = colnames(ic), values = unname(as.matrix(ic)))
out <- list()
out$sufnec_LF <- tab(superSubset(LF, "SURV", relation = "sufnec", incl.cut = 0.7)$incl.cov)
out$sufnec_CVF <- tab(superSubset(CVF, "PROTEST", relation = "sufnec", incl.cut = 0.7)$incl.cov)
out$sufnec_LF_neg <- tab(superSubset(LF, "~SURV", relation = "sufnec", incl.cut = 0.65)$incl.cov)
out$pofind_LF <- tab(pofind(LF, "SURV")$incl.cov)
out$pofind_LF_suf <- tab(pofind(LF, "~SURV", relation = "sufficiency")$incl.cov)
out$pofind_CVF <- tab(pofind(CVF, "PROTEST", "DEMOC, ETHFRACT, GEOCON")$incl.cov)
# pofind(LM, "SURV") stops in R 3.25 ("Invalid [multi]values, levels should be numeric")
haes <- function(x, y) sum(pmin(x, y)) / sum(pmin(x, y) + sqrt(pmax(x - y, 0) * x))
prod <- function(x, y) {
  incl <- sum(pmin(x, y)) / sum(x)
  pri <- (sum(pmin(x, y)) - sum(pmin(x, y, 1 - y))) / (sum(x) - sum(pmin(x, y, 1 - y)))
  incl * pri
}
out$add_LF <- tab(pof("DEV*~IND + URB*STB", "SURV", data = LF, add = list(haes = haes, prod = prod))$incl.cov)
out$add_CVF <- tab(pof("~NATPRIDE + DEMOC*ETHFRACT", "PROTEST", data = CVF, add = list(haes = haes, prod = prod))$incl.cov)
cat(toJSON(out, digits = NA, pretty = TRUE))
