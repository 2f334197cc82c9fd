# R QCA reference records for the bundled data sets the golden files do not cover.
#
# Run from the repository root (about 10 minutes; DO NOT EDIT the output by hand):
#     R_LIBS=/opt/rqca Rscript tests/reference/others/make_others.R
#
# Writes tests/reference/others/ds_<DATA>_<OUT>_incl<c>.json and nec_<DATA>_<OUT>.json in the
# shape of the golden files (shared/reference/README.md): R 4.2.2, QCA 3.25, admisc 0.39.1.
# Most of these data sets are copies of golden ones under another name (d.Emm = Emme, ...), so
# each is analysed differently from its golden twin: another condition order (other row numbers
# and term orders), another subset of conditions, other inclusion cuts, the second outcome PBI of
# the party-ban data, or the raw LR / CVR data calibrated here (unrounded memberships).
# Conventions as the golden generator: truthTable(incl.cut, n.cut = 1, show.cases = TRUE,
# sort.by = ""); minimize(details = TRUE) conservative, parsimonious (include "?"), intermediate
# with every condition expected present and a mixed one (1st, 4th, .. present, 2nd, 5th, ..
# absent), or for multi-value data X[1,..,max]; each call limited to 60 s of CPU (timeouts and errors
# recorded; after a timeout or another failure the same call with first.min = TRUE is recorded as
# first_min_fallback). Necessity: superSubset(incl.cut 0.9, cov.cut 0.5) and pof() of each single
# condition and its negation (multi-value: each value). For a negated outcome pof() is given the
# negated outcome column (1 - Y), because pof("X", "~Y", data) ignores the tilde in QCA 3.25.
suppressMessages({library(QCA); library(jsonlite); library(parallel)})

here <- "tests/reference/others"
source_dir <- "/work/shared/data/qca_datasets"
versions <- list(R = R.version.string, QCA = as.character(packageVersion("QCA")),
                 admisc = as.character(packageVersion("admisc")),
                 QCA_commit = "2a43ce0 (dusadrian/QCA, tag-equivalent 'CRAN version 3.25')")
LIMIT <- 60
arr <- function(x) I(as.vector(x))

load_data <- function(name) {
  env <- new.env()
  data(list = name, package = "QCA", envir = env)
  as.data.frame(get(name, envir = env))
}

calibrated_LR <- function() {
  x <- load_data("LR")
  out <- data.frame(
    DEV = calibrate(x$DEV, thresholds = c(e = 350, c = 550, i = 850)),
    URB = calibrate(x$URB, thresholds = c(e = 10, c = 50, i = 80)),
    LIT = calibrate(x$LIT, thresholds = c(e = 50, c = 75, i = 95)),
    IND = calibrate(x$IND, thresholds = c(e = 10, c = 30, i = 45)),
    STB = calibrate(x$STB, thresholds = c(e = 15, c = 10, i = 5)),
    SURV = calibrate(x$SURV, thresholds = c(e = -9, c = 0, i = 9)))
  rownames(out) <- rownames(x)
  out
}

calibrated_CVR <- function() {
  x <- load_data("CVR")
  out <- data.frame(
    DEMOC = calibrate(x$DEMOC, thresholds = c(e = 2, c = 7, i = 9.5)),
    ETHFRACT = calibrate(x$ETHFRACT, thresholds = c(e = 0, c = 0.495, i = 0.8)),
    GEOCON = calibrate(x$GEOCON, thresholds = c(e = 0, c = 1.25, i = 3)),
    POLDIS = calibrate(x$POLDIS, thresholds = c(e = 0, c = 0.75, i = 3)),
    NATPRIDE = calibrate(x$NATPRIDE, thresholds = c(e = 0.5, c = 1.5, i = 2.5)),
    PROTEST = calibrate(x$PROTEST, thresholds = c(e = 0.5, c = 1.5, i = 3)))
  rownames(out) <- rownames(x)
  out
}

# name, outcome, conditions, inclusion cuts, documented outcome?, note on how it differs
spec <- function(dataset, outcome, conditions, cuts, documented = TRUE, variant = "",
                 data = NULL, row_dom = FALSE, columns_only = FALSE)
  list(dataset = dataset, outcome = outcome, conditions = conditions, cuts = cuts,
       documented = documented, variant = variant, data = data, row_dom = row_dom,
       columns_only = columns_only)

SPECS <- list(
  spec("LR", "SURV", c("DEV", "URB", "LIT", "IND", "STB"), c(0.75, 0.8),
       variant = "LR calibrated here (help-page thresholds, unrounded; LF is rounded)",
       data = "calibrated_LR"),
  spec("CVR", "PROTEST", c("DEMOC", "ETHFRACT", "GEOCON", "POLDIS", "NATPRIDE"), c(0.75, 0.8),
       variant = "CVR calibrated here (help-page thresholds, unrounded; CVF is rounded)",
       data = "calibrated_CVR", row_dom = TRUE),
  spec("RagStr", "REC", c("S", "A", "E", "P"), c(0.8, 1), variant = "RS, conditions reversed"),
  spec("d.RS", "REC", c("E", "P", "S", "A"), c(0.8, 1), variant = "RS, conditions permuted"),
  spec("d.graduate", "REC", c("A", "S", "P", "E"), c(0.6, 0.9),
       variant = "RS, conditions permuted, other cuts"),
  spec("d.Emm", "JSR", c("V", "P", "R", "L", "C", "S"), c(0.75, 0.8),
       variant = "Emme, conditions reversed"),
  spec("d.jobsecurity", "JSR", c("C", "S", "R", "L", "V", "P"), c(0.7, 0.9),
       variant = "Emme, conditions permuted, other cuts"),
  spec("d.HK", "PBI", c("C", "F", "T", "R", "V"), c(0.8, 1),
       variant = "HarKem, second outcome PBI"),
  spec("d.partybans", "PB", c("V", "R", "T", "F", "C"), c(0.8, 1),
       variant = "HarKem, conditions reversed"),
  spec("d.Kro", "WNP", c("LP", "WM", "WS", "QU", "ES"), c(0.8, 1),
       variant = "Krook, conditions reversed"),
  spec("d.represent", "WNP", c("QU", "LP", "ES", "WM", "WS"), c(0.6, 0.9),
       variant = "Krook, conditions permuted, other cuts"),
  spec("d.women", "WNP", c("ES", "QU", "WS", "WM"), c(0.8, 1),
       variant = "Krook without LP"),
  spec("d.autonomy", "AU", c("EM", "SP", "CO", "CI", "PO", "RE"), c(0.75, 0.8),
       variant = "d.Bas, first six conditions"),
  spec("d.biodiversity", "AU", c("CN", "DE", "RE", "PO", "CI"), c(0.75, 0.8),
       variant = "d.Bas, last five conditions reversed"),
  spec("d.education", "O", c("NPM6", "NPM5", "NPM4", "NPM3", "NPM2", "NPM1"), c(0.8, 1),
       documented = FALSE, variant = "d.SS, conditions reversed"),
  spec("d.health", "IM", c("CAN", "PH", "CH", "AS", "LI", "HS"), c(0.8, 1), documented = FALSE,
       variant = paste("d.BWB, six conditions without missing values; the other columns dropped",
                       "(R refuses missing values in any column, used or not)"),
       columns_only = TRUE),
  spec("d.homeless", "REL", c("PF", "DF", "CS", "SA", "DT", "VI"), c(0.8, 1), documented = FALSE,
       variant = "d.CS, first six conditions reversed"),
  spec("d.napoleon", "O", c("A", "N", "L", "I", "F", "C", "D"), c(0.75, 0.8), documented = FALSE,
       variant = "d.AS, conditions reversed"),
  spec("d.socialsecurity", "CO", c("WM", "UD", "PS", "CG", "LG"), c(0.8, 1), documented = FALSE,
       variant = "d.HMN, conditions reversed"),
  spec("d.stakeholder", "SA", c("MC", "OI", "SC", "PA"), c(0.75, 0.8), documented = FALSE,
       variant = "d.CZH, conditions reversed"),
  spec("d.transport", "ACC", c("FED", "FIN", "URB", "GER", "HIS", "COO"), c(0.8, 1),
       documented = FALSE, variant = "d.SA, first six conditions"),
  spec("d.urban", "RT", c("CS", "WSR", "CP", "FRB", "MLC"), c(0.8, 1), documented = FALSE,
       variant = "d.Kil, conditions reversed")
)

only <- Sys.getenv("ONLY")  # e.g. ONLY=d.Kro,LR to remake a few (NEC_ONLY=1: necessity only)
if (nzchar(only)) SPECS <- Filter(function(s) s$dataset %in% strsplit(only, ",")[[1]], SPECS)

# CPU seconds the child process has used (Linux /proc; utime + stime, in clock ticks of 1/100 s)
child_cpu <- function(pid) {
  stat <- tryCatch(readLines(sprintf("/proc/%d/stat", pid), warn = FALSE), error = function(e) "")
  fields <- strsplit(sub("^.*\\) ", "", stat), " ")[[1]]
  if (length(fields) < 13) return(0)
  sum(as.numeric(fields[12:13])) / 100
}

# run f() in a child process, at most LIMIT seconds of CPU time (the machine is shared: wall time
# would depend on the other jobs; the golden records' 60 s were wall time on a quiet machine) and
# at most WALL seconds of wall time
WALL <- 900
limited <- function(f) {
  job <- mcparallel({
    warns <- character(0)
    t0 <- proc.time()[["elapsed"]]
    value <- tryCatch(withCallingHandlers(f(), warning = function(w) {
      warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning")
    }), error = function(e) structure(list(message = conditionMessage(e)), class = "failed"))
    list(value = value, warnings = warns, seconds = proc.time()[["elapsed"]] - t0)
  }, silent = TRUE)
  start <- proc.time()[["elapsed"]]
  repeat {
    res <- mccollect(job, wait = FALSE, timeout = 1)
    if (!is.null(res)) break
    if (child_cpu(job$pid) > LIMIT || proc.time()[["elapsed"]] - start > WALL) {
      tools::pskill(job$pid); mccollect(job, wait = TRUE)
      return(list(timeout = TRUE))
    }
  }
  if (!is.list(res[[1]])) stop("child failed: ", paste(res[[1]], collapse = " "))
  res[[1]]
}

rows_of <- function(chart) {
  out <- lapply(seq_len(nrow(chart)), function(i) arr(as.integer(colnames(chart)[chart[i, ]])))
  names(out) <- rownames(chart)
  out
}

fit_table <- function(df, cols) {
  out <- lapply(seq_len(nrow(df)), function(i) {
    v <- lapply(cols, function(k) if (k %in% names(df)) unname(df[i, k]) else NA)
    names(v) <- cols
    v
  })
  names(out) <- rownames(df)
  out
}

fits <- function(IC) {
  cols <- c("inclS", "PRI", "covS", "covU")
  scols <- c("inclS", "PRI", "covS")
  if (!is.null(IC$overall)) {
    list(terms = fit_table(IC$overall$incl.cov, cols),
         solutions = lapply(IC$individual, function(ind)
           list(terms = fit_table(ind$incl.cov, cols),
                solution = fit_table(ind$sol.incl.cov, scols)[[1]])))
  } else {
    list(terms = fit_table(IC$incl.cov, cols),
         solutions = list(list(terms = fit_table(IC$incl.cov, cols),
                               solution = fit_table(IC$sol.incl.cov, scols)[[1]])))
  }
}

chart_record <- function(s) {
  list(solutions = lapply(s$solution, arr), essential = arr(as.character(s$essential)),
       prime_implicants = arr(rownames(s$PIchart)), pi_chart = rows_of(s$PIchart),
       fit = fits(s$IC))
}

sa_record <- function(s) {
  sa <- lapply(s$SA, function(x) arr(as.integer(rownames(x))))
  if (length(sa) == 0) sa <- setNames(lapply(seq_along(s$solution), function(i) arr(integer(0))),
                                      paste0("M", seq_along(s$solution)))
  sa
}

minimize_record <- function(truth, params) {
  f <- function() {
    call_params <- lapply(params, function(v) if (inherits(v, "AsIs")) as.vector(unclass(v)) else v)
    s <- do.call(minimize, c(list(truth), call_params))
    printed <- capture.output(print(s))
    if (is.null(params[["dir.exp"]])) {
      c(chart_record(s), list(simplifying_assumptions = sa_record(s), printed = arr(printed)))
    } else {
      pars <- c(chart_record(s), list(simplifying_assumptions = sa_record(s)))
      pairs <- lapply(names(s$i.sol), function(label) {
        p <- s$i.sol[[label]]
        c(list(label = label, c.sol = arr(p$c.sol), p.sol = arr(p$p.sol),
               easy_counterfactuals = arr(as.integer(rownames(p$EC)))), chart_record(p))
      })
      list(parsimonious_reference = pars, intermediate = pairs, printed = arr(printed))
    }
  }
  res <- limited(f)
  record <- list(params = params)
  if (isTRUE(res$timeout)) {
    record$error <- sprintf("timed out after %d s", LIMIT)  # of CPU time; record$timeout <- TRUE
  } else if (inherits(res$value, "failed")) {
    record$error <- res$value$message; record$timeout <- FALSE
  } else {
    record <- c(record, res$value, list(seconds = round(res$seconds, 3)))
    if (length(res$warnings)) record$warnings <- arr(res$warnings)
    return(record)
  }
  deterministic <- grepl("None of the values in OUT|All truth table configurations", record$error)
  if (!deterministic && is.null(params[["first.min"]])) {
    fallback <- minimize_record(truth, c(params, list(first.min = TRUE)))
    record$first_min_fallback <- fallback
  }
  record
}

data_record <- function(x) {
  rows <- lapply(seq_len(nrow(x)), function(i) {
    r <- lapply(names(x), function(k) {
      v <- x[i, k]
      if (is.factor(v)) as.character(v) else v
    })
    names(r) <- names(x)
    r
  })
  list(columns = arr(names(x)), case_names = arr(rownames(x)), rows = rows)
}

set_type <- function(x, conditions) {
  v <- unlist(x[conditions])
  if (any(v > 1, na.rm = TRUE)) "mv" else if (any(v != round(v), na.rm = TRUE)) "fuzzy" else "crisp"
}

tt_record <- function(x, outcome, conditions, cut) {
  # do.call puts the values in the call: minimize() re-evaluates a truth table's call arguments
  tt <- tryCatch(do.call(truthTable, list(x, outcome = outcome, conditions = conditions,
                                          incl.cut = cut, n.cut = 1, show.cases = TRUE,
                                          sort.by = "")),
                 error = function(e) structure(list(message = conditionMessage(e)), class = "failed"))
  if (inherits(tt, "failed")) return(list(tt = NULL, record = list(error = tt$message)))
  tab <- tt$tt
  observed <- tab[tab$OUT != "?", , drop = FALSE]
  rows <- lapply(seq_len(nrow(observed)), function(i) {
    r <- c(list(row = as.integer(rownames(observed)[i])),
           lapply(conditions, function(k) as.integer(observed[i, k])))
    names(r)[-1] <- conditions
    c(r, list(OUT = as.character(observed$OUT[i]), n = as.integer(observed$n[i]),
              incl = as.numeric(observed$incl[i]), PRI = as.numeric(observed$PRI[i]),
              cases = arr(strsplit(as.character(observed$cases[i]), ",")[[1]])))
  })
  list(tt = tt, record = list(conditions = arr(conditions), noflevels = arr(tt$noflevels),
                              rows = rows,
                              remainder_rows = arr(as.integer(rownames(tab)[tab$OUT == "?"])),
                              printed = arr(capture.output(print(tt)))))
}

dir_exps <- function(x, conditions, type) {
  if (type == "mv") {
    upper <- sapply(conditions, function(k) {
      m <- max(x[[k]])
      sprintf("%s[%s]", k, paste(seq_len(m), collapse = ","))
    })
    return(list(intermediate_all_upper = unname(upper)))
  }
  mixed <- character(0)
  for (i in seq_along(conditions)) {
    if (i %% 3 == 1) mixed <- c(mixed, conditions[i])
    if (i %% 3 == 2) mixed <- c(mixed, paste0("~", conditions[i]))
  }
  list(intermediate_all_present = conditions, intermediate_mixed = mixed)
}

write_json_file <- function(obj, name) {
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, null = "null", na = "null"),
             file.path(here, name))
}

literals <- function(x, conditions, type) {
  out <- character(0)
  for (k in conditions) {
    if (type == "mv") {
      out <- c(out, sprintf("%s[%d]", k, sort(unique(c(0L, as.integer(x[[k]]))))))
    } else out <- c(out, k, paste0("~", k))
  }
  out
}

# All work happens inside a function: QCA 3.25's minimize(dir.exp = ...) looks names up in the
# global environment (a global list called tt made it stop with "Ambiguous directional
# expectations").
run_spec <- function(sp) {
  x <- if (is.null(sp$data)) load_data(sp$dataset) else get(sp$data)()
  if (sp$columns_only) x <- x[, c(sp$conditions, sp$outcome)]
  type <- set_type(x, sp$conditions)
  base <- list(kind = "dataset", dataset = sp$dataset, set_type = type)
  for (negated in c(FALSE, TRUE)) {
    outcome <- if (negated) paste0("~", sp$outcome) else sp$outcome
    tag <- if (negated) paste0("neg", sp$outcome) else sp$outcome
    cuts <- if (negated) 0.8 else sp$cuts
    for (cut in if (nzchar(Sys.getenv("NEC_ONLY"))) numeric(0) else cuts) {
      id <- sprintf("ds_%s_%s_incl%s", sp$dataset, tag, format(cut))
      cat(id, "\n")
      tabled <- tt_record(x, outcome, sp$conditions, cut)
      rec <- c(list(id = id), base, list(
        outcome = outcome, outcome_documented = sp$documented, variant = sp$variant,
        conditions = arr(sp$conditions), versions = versions, data = data_record(x),
        truth_table_params = list(outcome = outcome, conditions = arr(sp$conditions),
                                  incl.cut = cut, n.cut = 1, show.cases = TRUE, sort.by = ""),
        truth_table = tabled$record))
      if (!is.null(tabled$tt)) {
        m <- list(conservative = minimize_record(tabled$tt, list(include = "", details = TRUE)),
                  parsimonious = minimize_record(tabled$tt, list(include = "?", details = TRUE)))
        if (sp$row_dom)
          m$parsimonious_row_dom <- minimize_record(
            tabled$tt, list(include = "?", details = TRUE, row.dom = TRUE))
        de <- dir_exps(x, sp$conditions, type)
        for (nm in names(de))
          m[[nm]] <- minimize_record(tabled$tt, list(include = "?", details = TRUE,
                                                 dir.exp = arr(de[[nm]])))
        rec$minimize <- m
      }
      write_json_file(rec, paste0(id, ".json"))
    }
    # necessity
    id <- sprintf("nec_%s_%s", sp$dataset, tag)
    cat(id, "\n")
    params <- list(outcome = outcome, conditions = arr(sp$conditions), relation = "necessity",
                   incl.cut = 0.9, cov.cut = 0.5)
    ss <- tryCatch({
      r <- superSubset(x, outcome = outcome, conditions = sp$conditions, relation = "necessity",
                       incl.cut = 0.9, cov.cut = 0.5)
      # no expression passes the cuts: R prints a message and returns NULL
      list(params = params,
           expressions = if (is.null(r)) NULL else fit_table(r$incl.cov, c("inclN", "RoN", "covN")),
           printed = arr(capture.output(print(r))))
    }, error = function(e) list(params = params, error = conditionMessage(e)))
    y <- if (negated) 1 - x[[sp$outcome]] else x[[sp$outcome]]
    pof_results <- list()
    for (lit in literals(x, sp$conditions, type)) {
      r <- pof(admisc::compute(lit, data = x), y, relation = "necessity")$incl.cov
      pof_results[[lit]] <- list(inclN = r[1, "inclN"], RoN = r[1, "RoN"], covN = r[1, "covN"])
    }
    rec <- c(list(id = id, kind = "necessity"), base[c("dataset", "set_type")], list(
      outcome = outcome, outcome_documented = sp$documented, variant = sp$variant,
      conditions = arr(sp$conditions), versions = versions, data = data_record(x),
      superSubset = ss,
      pof_single = list(params = list(outcome = outcome, relation = "necessity",
                                      setms = "admisc::compute(expression, data)",
                                      outcome_membership = if (negated)
                                        paste0("1 - data$", sp$outcome) else
                                        paste0("data$", sp$outcome)),
                        results = pof_results)))
    write_json_file(rec, paste0(id, ".json"))
  }
}

for (sp in SPECS) run_spec(sp)
