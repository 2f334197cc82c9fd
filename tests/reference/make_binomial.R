# R's binomial test of truth-table rows (truthTable(inf.test = "binom")), as reference for
# tests/test_truthtable_binomial.py. Run from the repository root (DO NOT EDIT the output):
#
#     R_LIBS=/opt/rqca Rscript tests/reference/make_binomial.R
#
# Writes tests/reference/binomial.json: for every crisp / multi-value data set of data/rqca
# (and crisp versions of fuzzy ones: memberships > 0.5 -> 1, and a simulated 200-case set) and
# several incl.cut / alpha / n.cut settings, R's tt$tt (row ids, OUT, n, incl, pval1, pval0) and
# the printed table.
suppressPackageStartupMessages(library(QCA))
library(jsonlite)

read_set <- function(name) read.csv(file.path("data/rqca", paste0(name, ".csv")), row.names = 1, na.strings = character(0),
                                    check.names = FALSE)
crisp_version <- function(d) { d[] <- lapply(d, function(x) as.integer(x > 0.5)); d }

set.seed(20151)
sim <- as.data.frame(matrix(rbinom(200 * 8, 1, 0.5), ncol = 8,
                            dimnames = list(sprintf("c%03d", 1:200), LETTERS[1:8])))
sim$Y <- as.integer(runif(200) < ifelse(sim$A == 1 & sim$B == 1, 0.9, 0.35))

specs <- list(
    list(name = "LC", outcome = "SURV", conditions = c("DEV", "URB", "LIT", "IND", "STB")),
    list(name = "LC", outcome = "~SURV", conditions = c("DEV", "URB", "LIT", "IND", "STB")),
    list(name = "HC", outcome = "VOTE", conditions = c("FOREIGN", "UNEMP", "CONV", "PRES80")),
    list(name = "Krook", outcome = "WNP", conditions = c("ES", "QU", "WS", "WM", "LP")),
    list(name = "d.represent", outcome = "WNP", conditions = c("ES", "QU", "WS", "WM", "LP")),
    list(name = "d.women", outcome = "WNP", conditions = c("ES", "QU", "WS", "WM", "LP")),
    list(name = "d.Kro", outcome = "WNP", conditions = c("ES", "QU", "WS", "WM", "LP")),
    list(name = "Quine", outcome = "OUT", conditions = c("P", "Q", "R")),
    list(name = "RS", outcome = "REC", conditions = c("P", "E", "A", "S")),
    list(name = "RagStr", outcome = "REC", conditions = c("P", "E", "A", "S")),
    list(name = "d.RS", outcome = "REC", conditions = c("P", "E", "A", "S")),
    list(name = "d.graduate", outcome = "REC", conditions = c("P", "E", "A", "S")),
    list(name = "Rokkan", outcome = "S", conditions = c("C", "R", "L", "E")),
    list(name = "LM", outcome = "SURV", conditions = c("DEV", "URB", "LIT", "IND", "STB")),
    list(name = "HarKem", outcome = "PB", conditions = c("C", "F", "T", "R", "V")),
    list(name = "d.HK", outcome = "PB", conditions = c("C", "F", "T", "R", "V")),
    list(name = "d.partybans", outcome = "PB", conditions = c("C", "F", "T", "R", "V")),
    list(name = "d.pban", outcome = "PB", conditions = c("C", "F", "T", "V")),
    list(name = "d.SA", outcome = "ACC", conditions = c("FED", "FIN", "URB", "GER", "HIS", "COO")),
    list(name = "d.transport", outcome = "ACC",
         conditions = c("FED", "FIN", "URB", "GER", "HIS", "COO")),
    list(name = "crisp:CVF", outcome = "PROTEST",
         conditions = c("DEMOC", "ETHFRACT", "GEOCON", "POLDIS", "NATPRIDE")),
    list(name = "crisp:LF", outcome = "SURV", conditions = c("DEV", "URB", "LIT", "IND", "STB")),
    list(name = "crisp:NF", outcome = "W", conditions = c("A", "I", "M", "U")),
    list(name = "crisp:Emme", outcome = "JSR", conditions = c("S", "C", "L", "R", "P", "V")),
    list(name = "simulated", outcome = "Y", conditions = LETTERS[1:8]),
    list(name = "simulated", outcome = "~Y", conditions = LETTERS[1:8])
)
settings <- list(
    list(incl_cut = 0.8, alpha = 0.05, n_cut = 1, pri_cut = 0, complete = FALSE),
    list(incl_cut = c(0.8, 0.5), alpha = 0.05, n_cut = 1, pri_cut = 0, complete = FALSE),
    list(incl_cut = c(0.75, 0.6), alpha = 0.1, n_cut = 2, pri_cut = 0, complete = FALSE),
    list(incl_cut = 0.6, alpha = 0.2, n_cut = 1, pri_cut = 0.9, complete = TRUE),
    list(incl_cut = c(1, 0.5), alpha = 0.01, n_cut = 3, pri_cut = 0, complete = FALSE),
    list(incl_cut = c(0.55, 0.3), alpha = 0.5, n_cut = 1, pri_cut = 0.7, complete = FALSE)
)

num <- function(x) { v <- suppressWarnings(as.numeric(x)); ifelse(is.na(v), NA, v) }
datasets <- list()
cases <- list()
for (spec in specs) {
    if (spec$name == "simulated") {
        d <- sim
    } else if (startsWith(spec$name, "crisp:")) {
        d <- crisp_version(read_set(sub("crisp:", "", spec$name)))
    } else {
        d <- read_set(spec$name)
    }
    d <- d[, c(spec$conditions, sub("~", "", spec$outcome))]
    datasets[[spec$name]] <- list(index = rownames(d), columns = colnames(d),
                                  values = unname(as.list(d)))
    for (s in settings) {
        if (s$complete && length(spec$conditions) > 6) next
        tt <- tryCatch(truthTable(d, spec$outcome, spec$conditions, incl.cut = s$incl_cut,
                                  n.cut = s$n_cut, pri.cut = s$pri_cut, complete = s$complete,
                                  show.cases = TRUE, inf.test = c("binom", s$alpha)),
                       error = function(e) e)
        record <- list(dataset = spec$name, outcome = spec$outcome,
                       conditions = spec$conditions, incl_cut = s$incl_cut, alpha = s$alpha,
                       n_cut = s$n_cut, pri_cut = s$pri_cut, complete = s$complete)
        if (inherits(tt, "error")) {
            record$error <- conditionMessage(tt)
        } else {
            t <- tt$tt
            observed <- t$OUT != "?" | t$n > 0
            if (!s$complete) t <- t[observed, ]
            record$rows <- list(
                row = as.integer(rownames(t)), OUT = as.character(t$OUT), n = as.integer(t$n),
                incl = num(t$incl), pval1 = num(t$pval1),
                pval0 = if ("pval0" %in% names(t)) num(t$pval0) else NULL
            )
            record$printed <- capture.output(print(tt))
        }
        cases[[length(cases) + 1]] <- record
    }
}
about <- paste("R's truthTable(inf.test = c('binom', alpha)):", R.version.string, "QCA",
               as.character(packageVersion("QCA")), "- made by tests/reference/make_binomial.R.",
               "DO NOT EDIT.")
writeLines(toJSON(list(`_about` = about, datasets = datasets, cases = cases), auto_unbox = TRUE,
                  digits = NA, na = "null", null = "null"),
           "tests/reference/binomial.json")
