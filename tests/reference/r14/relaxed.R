# R QCA 3.25: the consistency-relaxed search (pi.cons, sol.cons, sol.cov, pi.depth, sol.depth),
# exclude of observed rows, conservative pi.cons/sol.cons.
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/relaxed.R > tests/reference/r14/relaxed.json
suppressMessages({library(QCA); library(jsonlite)})
data(LF); data(CVF); data(d.jobsecurity)
cases <- list(
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(include="?", pi.cons=0.8)),
  list(data="LF", outcome="SURV", incl_cut=0.7, args=list(include="?", pi.cons=0.7)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(include="?", sol.cons=0.8)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(include="?", sol.cons=0.8, sol.cov=0.6)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(include="?", pi.cons=0.8, sol.cons=0.8, sol.cov=0.6)),
  list(data="LF", outcome="SURV", incl_cut=0.75, args=list(include="?", pi.cons=0.75, sol.cons=0.8, sol.cov=0.5, all.sol=TRUE)),
  list(data="LF", outcome="SURV", incl_cut=0.7, args=list(include="?", pi.cons=0.7, pi.depth=2)),
  list(data="LF", outcome="SURV", incl_cut=0.7, args=list(include="?", pi.cons=0.75, sol.cons=0.75, sol.cov=0.5, sol.depth=1)),
  list(data="LF", outcome="~SURV", incl_cut=0.8, args=list(include="?", pi.cons=0.8, sol.cons=0.8, sol.cov=0.7)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(include="?", exclude=22)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(exclude=c(22, 24))),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(pi.cons=0.9)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(sol.cons=0.95)),
  list(data="CVF", outcome="PROTEST", incl_cut=0.8, args=list(include="?", pi.cons=0.8)),
  list(data="CVF", outcome="PROTEST", incl_cut=0.8, args=list(include="?", pi.cons=0.85, sol.cons=0.85, sol.cov=0.5)),
  list(data="CVF", outcome="PROTEST", incl_cut=0.8, args=list(include="?", sol.cons=0.8, sol.cov=0.6)),
  list(data="CVF", outcome="PROTEST", incl_cut=0.8, args=list(include="?", sol.cons=0.8, sol.cov=0.6, all.sol=TRUE)),
  list(data="CVF", outcome="PROTEST", incl_cut=0.75, args=list(include="?", pi.cons=0.75, sol.cons=0.8, sol.cov=0.7, all.sol=TRUE)),
  list(data="CVF", outcome="PROTEST", incl_cut=0.8, args=list(include="?", pi.cons=0.9, pi.depth=2)),
  list(data="CVF", outcome="PROTEST", incl_cut=0.8, args=list(include="?", pi.depth=2)),
  list(data="CVF", outcome="PROTEST", incl_cut=0.8, args=list(include="?", pi.depth=3)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(include="?", pi.depth=2)),
  list(data="LF", outcome="SURV", incl_cut=0.75, args=list(include="?", exclude=c(2, 6), pi.cons=0.75, sol.cons=0.75, sol.cov=0.5)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(include="?", pi.cons=0.8, row.dom=TRUE)),
  list(data="LF", outcome="SURV", incl_cut=0.8, args=list(include="?", pi.cons=0.8, all.sol=TRUE)),
  list(data="d.jobsecurity", outcome="JSR", incl_cut=0.8, args=list(include="?", pi.cons=0.8)),
  list(data="d.jobsecurity", outcome="JSR", incl_cut=0.8, args=list(include="?", pi.cons=0.75, sol.cons=0.8, sol.cov=0.75))
)
out <- lapply(cases, function(cs) {
  d <- get(cs$data)
  res <- cs
  r <- tryCatch({
    excl <- cs$args$exclude
    tt <- truthTable(d, cs$outcome, incl.cut=cs$incl_cut, exclude=excl)
    a <- cs$args; a$exclude <- NULL
    do.call(minimize, c(list(tt), a))
  }, error=function(e) e)
  if (inherits(r, "error")) { res$error <- conditionMessage(r); return(res) }
  res$pis <- rownames(r$PIchart)
  res$models <- lapply(r$solution, function(s) s)
  ic <- if (length(r$solution) > 1) lapply(r$IC$individual, function(x) x$sol.incl.cov) else list(r$IC$sol.incl.cov)
  res$fit <- lapply(ic, function(x) list(inclS=x[1, 1], PRI=x[1, 2], covS=x[1, 3]))
  res
})
cat(toJSON(out, auto_unbox=TRUE, digits=NA, pretty=TRUE))
