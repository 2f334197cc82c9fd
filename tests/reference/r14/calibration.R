# R QCA 3.25: findTh (cut points by hierarchical clustering), threshold strings, NA in calibrate.
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/calibration.R > tests/reference/r14/calibration.json
suppressMessages({library(QCA); library(jsonlite)})
data(LR); data(CVR); data(HC)
out <- list()
out$findTh <- list(
  list(data = "LR", column = "DEV", n = 1, values = findTh(LR$DEV)),
  list(data = "LR", column = "DEV", n = 2, values = findTh(LR$DEV, n = 2)),
  list(data = "LR", column = "URB", n = 3, values = findTh(LR$URB, n = 3)),
  list(data = "LR", column = "LIT", n = 2, values = findTh(LR$LIT, groups = 3)),
  list(data = "LR", column = "IND", n = 1, values = findTh(LR$IND)),
  list(data = "CVR", column = "DEMOC", n = 1, values = findTh(CVR$DEMOC)),
  list(data = "CVR", column = "GEOCON", n = 2, values = findTh(CVR$GEOCON, n = 2)),
  list(data = "CVR", column = "NATPRIDE", n = 2, values = findTh(CVR$NATPRIDE, n = 2)),
  list(data = "CVR", column = "POLDIS", n = 1, values = findTh(CVR$POLDIS, hclustm = "average")),
  list(data = "CVR", column = "ETHFRACT", n = 1, values = findTh(CVR$ETHFRACT, hclustm = "single"))
)
out$findTh[[9]]$method <- "average"
out$findTh[[10]]$method <- "single"
x <- c(NA, 400, 600, 900, NA, 200)
out$na <- list(x = x, fuzzy = calibrate(x, thresholds = "e=350, c=550, i=850"),
               decreasing = calibrate(x, thresholds = "i=350, c=550, e=850"))
out$string_crisp <- calibrate(LR$DEV, type = "crisp", thresholds = "550, 850")
out$string_fuzzy <- calibrate(LR$DEV, thresholds = "e=350, c=550, i=850")
cat(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE))
