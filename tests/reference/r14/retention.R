# R QCA 3.25 retention() (Hug 2013), crisp data; DPA (dependent = TRUE) and IPA (FALSE).
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/retention.R > tests/reference/r14/retention.json
suppressMessages({library(QCA); library(jsonlite)})
# admisc 0.39.1 combnk() calls QCA::combint, which QCA 3.25 does not export: use utils::combn
utils::assignInNamespace("combnk", function(n, k, ...) utils::combn(n, k), ns = "admisc")
data(LC); data(d.represent)
settings <- list(
  list(data = "LC", outcome = "SURV", incl.cut = 1, n.cut = 1, type = "corruption", dependent = TRUE, n.pert = 1),
  list(data = "LC", outcome = "SURV", incl.cut = 1, n.cut = 1, type = "corruption", dependent = TRUE, n.pert = 2),
  list(data = "LC", outcome = "SURV", incl.cut = 0.6, n.cut = 1, type = "corruption", dependent = TRUE, n.pert = 3),
  list(data = "LC", outcome = "SURV", incl.cut = 1, n.cut = 1, type = "corruption", dependent = FALSE, p.pert = 0.05),
  list(data = "LC", outcome = "SURV", incl.cut = 0.6, n.cut = 2, type = "corruption", dependent = FALSE, p.pert = 0.1),
  list(data = "LC", outcome = "SURV", incl.cut = 1, n.cut = 1, type = "deletion", dependent = FALSE, p.pert = 0.05),
  list(data = "LC", outcome = "SURV", incl.cut = 0.6, n.cut = 2, type = "deletion", dependent = FALSE, p.pert = 0.2),
  list(data = "LC", outcome = "SURV", incl.cut = 1, n.cut = 1, type = "deletion", dependent = TRUE, n.pert = 1),
  list(data = "LC", outcome = "SURV", incl.cut = 1, n.cut = 2, type = "deletion", dependent = TRUE, n.pert = 2),
  list(data = "d.represent", outcome = "WNP", incl.cut = 1, n.cut = 1, type = "corruption", dependent = TRUE, n.pert = 2),
  list(data = "d.represent", outcome = "WNP", incl.cut = 0.75, n.cut = 1, type = "corruption", dependent = FALSE, p.pert = 0.1),
  list(data = "d.represent", outcome = "WNP", incl.cut = 0.75, n.cut = 1, type = "deletion", dependent = FALSE, p.pert = 0.1),
  list(data = "d.represent", outcome = "WNP", incl.cut = 0.75, n.cut = 1, type = "deletion", dependent = TRUE, n.pert = 2)
)
out <- lapply(settings, function(s) {
  d <- get(s$data); args <- s; args$data <- d
  s$value <- do.call(retention, args)
  s
})
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE))
