# R QCA 3.25 calibrate() on the raw LR and CVR data, beyond reference/calibration.json: indirect
# method (1 to 3 cut points), idm, decreasing sets, below / above of the non-logistic curve for
# increasing, decreasing, bell and inverted-bell shapes (logistic and not), ecdf, TFR, crisp with
# several cut points, on every raw column. Same case shape as tests/reference/calibration.json.
# Run from the repository root (DO NOT EDIT the output by hand):
#     R_LIBS=/opt/rqca Rscript tests/reference/others/calibrate_others.R
suppressMessages({library(QCA); library(jsonlite)})
data(LR); data(CVR)

cases <- list()
add <- function(dataset, variable, args) {
  x <- get(dataset)[[variable]]
  shown <- vapply(names(args), function(k) {
    v <- args[[k]]
    if (is.character(v)) sprintf('%s = "%s"', k, v)
    else if (length(v) > 1 || !is.null(names(v)))
      sprintf("%s = c(%s)", k, paste0(ifelse(nzchar(names(v) %||% rep("", length(v))),
                                             paste0(names(v), " = "), ""), v, collapse = ", "))
    else sprintf("%s = %s", k, format(v))
  }, "")
  call <- sprintf("calibrate(x, %s)", paste(shown, collapse = ", "))
  out <- tryCatch(do.call(calibrate, c(list(x), args)), error = function(e) e)
  thresholds <- args$thresholds
  record_args <- args
  if (!is.null(thresholds)) {
    record_args$thresholds <- if (is.null(names(thresholds))) I(unname(thresholds))
                              else as.list(thresholds)
  }
  case <- list(dataset = dataset, variable = variable, args = record_args, call = call,
               input = I(x))
  if (inherits(out, "error")) case$error <- conditionMessage(out)
  else case$output <- I(as.vector(out))
  cases[[length(cases) + 1]] <<- case
}
`%||%` <- function(a, b) if (is.null(a)) b else a

inc <- list(LR = list(DEV = c(e = 350, c = 550, i = 850), URB = c(e = 20, c = 35, i = 60),
                      LIT = c(e = 50, c = 80, i = 97), IND = c(e = 15, c = 28, i = 40),
                      STB = c(e = 4, c = 8, i = 14), SURV = c(e = -8, c = 0, i = 8)),
            CVR = list(DEMOC = c(e = 3, c = 6, i = 9), ETHFRACT = c(e = 0.1, c = 0.45, i = 0.7),
                       GEOCON = c(e = 0.5, c = 1.5, i = 2.5), POLDIS = c(e = 0.2, c = 1, i = 2.5),
                       NATPRIDE = c(e = 1, c = 1.7, i = 2.3),
                       PROTEST = c(e = 0.6, c = 1.6, i = 2.8)))
for (ds in names(inc)) for (v in names(inc[[ds]])) {
  th <- inc[[ds]][[v]]
  dec <- setNames(rev(th), c("e", "c", "i"))  # decreasing set: e above c above i
  add(ds, v, list(type = "fuzzy", thresholds = th))
  add(ds, v, list(type = "fuzzy", thresholds = dec))
  add(ds, v, list(type = "fuzzy", thresholds = th, idm = 0.9))
  add(ds, v, list(type = "fuzzy", thresholds = dec, idm = 0.99))
  add(ds, v, list(type = "fuzzy", thresholds = th, logistic = FALSE))
  add(ds, v, list(type = "fuzzy", thresholds = th, logistic = FALSE, below = 0.5, above = 3))
  add(ds, v, list(type = "fuzzy", thresholds = dec, logistic = FALSE, below = 2, above = 0.5))
  add(ds, v, list(type = "fuzzy", thresholds = dec, logistic = FALSE, ecdf = TRUE))
  add(ds, v, list(type = "fuzzy", thresholds = th, logistic = FALSE, ecdf = TRUE))
  q <- unname(quantile(get(ds)[[v]], c(0.1, 0.25, 0.4, 0.6, 0.75, 0.9), type = 7))
  q <- signif(q, 3)
  if (length(unique(q)) == 6) {
    bell <- setNames(q, c("e1", "c1", "i1", "i2", "c2", "e2"))
    inv <- setNames(q, c("i1", "c1", "e1", "e2", "c2", "i2"))
    add(ds, v, list(type = "fuzzy", thresholds = bell))
    add(ds, v, list(type = "fuzzy", thresholds = bell, logistic = FALSE, below = 2, above = 0.5))
    add(ds, v, list(type = "fuzzy", thresholds = inv))
    add(ds, v, list(type = "fuzzy", thresholds = inv, logistic = FALSE, below = 3, above = 1.5))
    add(ds, v, list(type = "fuzzy", thresholds = bell, idm = 0.99))
  }
  add(ds, v, list(type = "fuzzy", method = "indirect", thresholds = unname(th[2])))
  add(ds, v, list(type = "fuzzy", method = "indirect", thresholds = unname(th[c(1, 3)])))
  add(ds, v, list(type = "fuzzy", method = "indirect", thresholds = unname(th)))
  add(ds, v, list(type = "fuzzy", method = "TFR"))
  add(ds, v, list(type = "crisp", thresholds = unname(th[2])))
  add(ds, v, list(type = "crisp", thresholds = unname(th[c(1, 3)])))
}

out <- list(
  source = paste("tests/reference/others/calibrate_others.R:", R.version.string, "QCA",
                 as.character(packageVersion("QCA")), "(dusadrian/QCA 2a43ce0), admisc",
                 as.character(packageVersion("admisc")), "- jsonlite, full double precision"),
  notes = I(c("args are the exact arguments passed to QCA::calibrate(x, ...)",
              "thresholds: an object of named anchors, or an array of unnamed cut points")),
  cases = cases)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", na = "null"),
           "tests/reference/others/calibration_others.json")
