# Reference outputs of SetMethods' smmr() (SetMethods 4.0, github nenaoana/SetMethods @ b7859c8) on the
# example of its help page (?smmr): SCHF, outcome EXPORT, parsimonious solution, incl.cut = 0.9.
# SetMethods is not installed (ggrepel/stargazer missing offline); its smmr sources are loaded instead:
#   SM=/path/to/SetMethods/R  R_LIBS=/opt/rqca Rscript make_smmr.R   (writes the CSV files here)
suppressMessages(library(QCA))
SM <- Sys.getenv("SM")
for (f in c("smmr.R", "pimdata.R", "helper_case_smmr.R", "helper_match_smmr.R", "helper_nec_smmr.R")) {
  code <- readLines(file.path(SM, f))
  # One fix to SetMethods 4.0: matches.suf.typiirnfc (typical-IIR pairs per term) looks up the
  # IIR case's membership in the model with a factor (expand.grid's), i.e. by the factor's level
  # number instead of the case name, so GlobUncov is read from the wrong case. Look it up by name.
  code <- gsub('X[R$IIR[m],"solution_formula"]', 'X[as.character(R$IIR[m]),"solution_formula"]',
               code, fixed = TRUE)
  # Two fixes to cases.suf.typ.fct (typical cases per focal conjunct): the maximum of the other
  # conjuncts (CC_Max, for a necessary focal conjunct) is assigned in the cases' original order
  # to rows already sorted, i.e. to other cases; and the most typical cases of the term are
  # looked up in columns "term"/"case" that do not exist ("Term"/"Case"), so MostTypTerm is
  # always FALSE.
  code <- gsub('Z$CC_Max <- CCDT2[ty,"b"]', 'Z$CC_Max <- CCDT2[rownames(Z),"b"]', code, fixed = TRUE)
  code <- gsub('mtt[mtt$term==colnames(PD)[term],"case"]', 'mtt[mtt$Term==colnames(PD)[term],"Case"]',
               code, fixed = TRUE)
  eval(parse(text = code))
}
load(file.path(SM, "SCHF.rda"))
write.csv(SCHF, "SCHF.csv")
sol_yp <- minimize(SCHF, outcome = "EXPORT",
                   conditions = c("EMP", "BARGAIN", "UNI", "OCCUP", "STOCK", "MA"),
                   incl.cut = .9, include = "?", details = TRUE, show.cases = TRUE)
writeLines(sol_yp$solution[[1]], "SCHF_model.txt")
out <- function(x, name) {
  if (!is.data.frame(x)) return(writeLines(as.character(x), name))
  # SetMethods stores some columns as one-column data frames; write their values
  for (col in names(x)) if (is.data.frame(x[[col]])) x[[col]] <- x[[col]][[1]]
  write.csv(x, name, row.names = TRUE)
}
single <- smmr(results = sol_yp, outcome = "EXPORT", match = FALSE, cases = 6, term = 1)
out(single[[1]]$results, "suf_typical.csv")
out(single[[3]]$results, "suf_deviant_consistency.csv")
out(single[[4]]$results, "suf_deviant_coverage.csv")
out(single[[5]]$results, "suf_iir.csv")
for (t in 1:3) {
  r <- smmr(results = sol_yp, outcome = "EXPORT", match = TRUE, cases = 5, max_pairs = 5)
  out(r[[t]]$results, sprintf("pairs_typical_typical_term%d.csv", t))
  r <- smmr(results = sol_yp, outcome = "EXPORT", match = TRUE, cases = 6, max_pairs = 5)
  out(r[[t]]$results, sprintf("pairs_typical_iir_term%d.csv", t))
  r <- smmr(results = sol_yp, outcome = "EXPORT", match = TRUE, cases = 3, max_pairs = 5)
  out(r[[t]]$results, sprintf("pairs_typical_deviant_consistency_term%d.csv", t))
}
r <- smmr(results = sol_yp, outcome = "EXPORT", match = TRUE, cases = 4, max_pairs = 5)
out(r[[1]]$results, "pairs_deviant_coverage_iir.csv")
# necessity (the help page's example: "STOCK+MA" necessary for EXPORT)
nec <- list(cases.nec.typ(nec.cond = "STOCK+MA", results = sol_yp, outcome = "EXPORT"),
            cases.nec.dcn(nec.cond = "STOCK+MA", results = sol_yp, outcome = "EXPORT"),
            cases.nec.drel(nec.cond = "STOCK+MA", results = sol_yp, outcome = "EXPORT"))
kinds <- c("typical", "deviant_consistency", "deviant_relevance")
for (k in 1:3) for (i in seq_along(nec[[k]])) {
  out(nec[[k]][[i]]$results, sprintf("nec_%s_%s.csv", kinds[k], gsub("[+]", "_or_", nec[[k]][[i]]$title)))
}
# typical cases for each focal conjunct of a term (smmr(cases = 2)), and with STOCK declared
# necessary (the help page's second example)
for (t in 1:3) for (nec in list(NULL, "STOCK")) {
  r <- smmr(results = sol_yp, outcome = "EXPORT", match = FALSE, cases = 2, term = t, max_pairs = 100,
            nec.cond = nec)
  for (i in seq_along(r)) {
    fc <- sub(".* ", "", r[[i]]$title)
    out(r[[i]]$results, sprintf("fc_typical_term%d_%s%s.csv", t, gsub("~", "not_", fc),
                                if (is.null(nec)) "" else "_necSTOCK"))
  }
}
# necessity pairs: typical - deviant relevance, for "STOCK+MA" (smmr(match = TRUE, cases = 1,
# necessity = TRUE), the help page's last example)
r <- matches.nec.typdrel(nec.cond = "STOCK+MA", results = sol_yp, outcome = "EXPORT", max_pairs = 5)
for (i in seq_along(r)) {
  out(r[[i]]$results, sprintf("nec_pairs_typical_deviant_relevance_%s.csv", gsub("[+]", "_or_", r[[i]]$title)))
}
# typical - IIR pairs for each focal conjunct of a term (smmr(match = TRUE, cases = 2))
for (t in 1:3) {
  r <- smmr(results = sol_yp, outcome = "EXPORT", match = TRUE, cases = 2, term = t, max_pairs = 5)
  for (i in seq_along(r)) {
    fc <- sub(".* ", "", r[[i]]$title)
    out(r[[i]]$results, sprintf("fc_pairs_typical_iir_term%d_%s.csv", t, gsub("~", "not_", fc)))
  }
}
