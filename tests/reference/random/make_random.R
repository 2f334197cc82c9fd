# R QCA 3.25's outputs on the random problems of make_problems.py (tests/test_reference_random.py).
# Usage: R_LIBS=/opt/rqca Rscript make_random.R PROBLEMS.json OUT.json
# For each problem: truthTable() (rows with OUT, n, incl, PRI, cases; the printed row order),
# every minimize() call (models, essential PIs, PI chart, fit with covU, simplifying assumptions,
# intermediate solutions with easy counterfactuals), superSubset(), pof() of the given expressions
# and of the given models. An error is recorded verbatim ("error"); a call past 15 s of CPU as "timeout".
# A negated outcome is given to pof() as the negated column (pof() drops the "~" of an outcome
# passed as an expression string, see docs/r-users.md).
suppressMessages({library(QCA); library(jsonlite)})
args <- commandArgs(TRUE)
problems <- fromJSON(args[1], simplifyVector = FALSE)$problems

num <- function(x) if (is.null(x) || is.na(x)) NA else as.numeric(x)  # NA: 0/0, written null
figures <- function(frame, cols) {
  out <- list()
  if (is.null(frame)) return(NULL)
  for (i in seq_len(nrow(frame))) {
    row <- list()
    for (c in intersect(cols, colnames(frame))) row[[c]] <- num(frame[i, c])
    out[[rownames(frame)[i]]] <- row
  }
  out
}
fitcols <- c("inclS", "PRI", "covS", "covU", "inclN", "RoN", "covN")
chart <- function(pic) {
  out <- list()
  for (pi in rownames(pic)) out[[pi]] <- as.list(as.integer(colnames(pic)[pic[pi, ]]))
  out
}
icfit <- function(ic, nsol) {
  if (is.null(ic)) return(NULL)
  res <- list(terms = figures(if (is.null(ic$overall)) ic$incl.cov else ic$overall$incl.cov, fitcols))
  if (!is.null(ic$individual)) {
    res$solutions <- lapply(ic$individual, function(x)
      list(terms = figures(x$incl.cov, fitcols), solution = figures(x$sol.incl.cov, fitcols)[[1]]))
  } else if (!is.null(ic$sol.incl.cov)) {
    res$solutions <- list(list(terms = figures(ic$incl.cov, fitcols),
                               solution = figures(ic$sol.incl.cov, fitcols)[[1]]))
  }
  res
}
solrecord <- function(s) {
  list(solutions = lapply(s$solution, as.list), essential = as.list(s$essential),
       prime_implicants = as.list(rownames(s$PIchart)), pi_chart = chart(s$PIchart),
       fit = icfit(s$IC))
}
guard <- function(expr) {
  # a CPU limit (the machine is shared); an error raised once the limit is reached is a timeout
  # even when R's own tryCatch() rewrote it (verify.dir.exp() turns it into "Ambiguous
  # directional expectations")
  cpu <- sum(proc.time()[c("user.self", "sys.self")])
  setTimeLimit(cpu = 15, transient = TRUE)
  on.exit(setTimeLimit())
  tryCatch(expr, error = function(e) {
    msg <- conditionMessage(e)
    used <- sum(proc.time()[c("user.self", "sys.self")]) - cpu
    if (grepl("time limit", msg) || used >= 14.5) list(timeout = msg) else list(error = msg)
  })
}

results <- list()
for (p in problems) {
  started <- Sys.time()
  cols <- unlist(p$data$columns)
  df <- as.data.frame(do.call(rbind, lapply(p$data$rows, function(r) as.numeric(unlist(r)))))
  colnames(df) <- cols
  rownames(df) <- unlist(p$data$case_names)
  conds <- unlist(p$conditions)
  tp <- p$truth_table_params
  out <- list(id = p$id)
  tt <- NULL
  out$truth_table <- guard({
    # direct calls, not do.call(): R's functions read some arguments unevaluated (substitute)
    sort_by <- if (is.null(tp$sort_by)) "" else unlist(tp$sort_by)
    w <- NULL
    tt <- withCallingHandlers(truthTable(df, outcome = p$outcome, conditions = conds,
                                         incl.cut = unlist(tp$incl_cut), n.cut = tp$n_cut,
                                         pri.cut = tp$pri_cut, show.cases = TRUE, sort.by = sort_by),
                              warning = function(m) {w <<- c(w, conditionMessage(m)); invokeRestart("muffleWarning")})
    t <- tt$tt
    obs <- which(t$n > 0)
    rows <- lapply(obs, function(i) {
      r <- list(row = as.integer(rownames(t)[i]))
      for (c in conds) r[[c]] <- as.numeric(t[i, c])
      r$OUT <- as.character(t$OUT[i]); r$n <- as.integer(t$n[i])
      r$incl <- as.numeric(t$incl[i]); r$PRI <- as.numeric(t$PRI[i])
      r$cases <- as.list(strsplit(t$cases[i], ",")[[1]])
      r
    })
    printed <- capture.output(print(tt))
    list(noflevels = as.list(as.integer(tt$noflevels)), rows = rows, printed = as.list(printed),
         warnings = as.list(w))
  })
  if (!is.null(out$truth_table$error) || !is.null(out$truth_table$timeout)) tt <- NULL
  out$minimize <- lapply(p$minimize, function(m) {
    if (is.null(tt)) return(list(error = "no truth table"))
    guard({
      # minimize() reads dir.exp unevaluated (admisc::recreate(substitute())): the call is
      # written out as a user types it, dir.exp = c("A", "~B")
      de <- unlist(m$dir_exp)
      txt <- sprintf("minimize(tt, include = \"%s\"%s, exclude = %s, row.dom = %s, all.sol = %s, first.min = %s, pi.cons = %s)",
                     m$include,
                     if (is.null(de)) "" else paste0(", dir.exp = c(", paste0("\"", de, "\"", collapse = ", "), ")"),
                     if (is.null(m$exclude)) "NULL" else paste0("c(", paste(unlist(m$exclude), collapse = ", "), ")"),
                     isTRUE(m$row_dom), isTRUE(m$all_sol), isTRUE(m$first_min),
                     if (is.null(m$pi_cons)) 0 else m$pi_cons)
      s <- eval(parse(text = txt))
      rec <- solrecord(s)
      if (!is.null(s$SA)) rec$simplifying_assumptions <- lapply(s$SA, function(x) as.list(as.integer(rownames(x))))
      if (!is.null(s$i.sol)) {
        rec$intermediate <- lapply(names(s$i.sol), function(lab) {
          x <- s$i.sol[[lab]]
          c(list(label = lab, c.sol = as.list(x$c.sol), p.sol = as.list(x$p.sol),
                 easy_counterfactuals = as.list(as.integer(rownames(x$EC)))), solrecord(x))
        })
      }
      rec
    })
  })
  nec <- p$necessity
  out$superSubset <- guard({
    s <- NULL
    capture.output(s <- superSubset(df, outcome = p$outcome, conditions = conds,
                                    relation = nec$relation, incl.cut = nec$incl_cut,
                                    cov.cut = nec$cov_cut, ron.cut = nec$ron_cut, depth = nec$depth))
    list(expressions = figures(s$incl.cov, c("inclN", "RoN", "covN", "inclS", "PRI", "covS")))
  })
  dfo <- df
  if (substr(p$outcome, 1, 1) == "~") dfo$Y <- 1 - dfo$Y
  out$pof <- lapply(p$pof$expressions, function(e) guard({
    r <- pof(e, "Y", dfo, relation = p$pof$relation)
    list(expression = e, figures = figures(r$incl.cov, fitcols))
  }))
  out$fit <- lapply(p$fit, function(e) guard({
    r <- pof(e, "Y", dfo, relation = "sufficiency")
    list(expression = e, figures = figures(r$incl.cov, fitcols))
  }))
  results[[length(results) + 1]] <- out
  message(p$id, " ", round(as.numeric(Sys.time() - started, units = "secs"), 1), " s")
  # written after every problem, so that a run stopped early keeps what it did
  writeLines(toJSON(list(source = "R QCA 3.25, make_random.R", versions = list(R = R.version.string,
    QCA = as.character(packageVersion("QCA")), admisc = as.character(packageVersion("admisc"))),
    results = results), auto_unbox = TRUE, digits = NA, na = "null", null = "null"), args[2])
}
