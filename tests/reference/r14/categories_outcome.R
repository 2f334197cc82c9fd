# R QCA 3.25.1 with declared data: a labelled outcome relabels OUT in the printed truth table
# and names the outcome in the models (use.labels = TRUE).
# Run: R_LIBS=/opt/rqca-3251 Rscript tests/reference/r14/categories_outcome.R > tests/reference/r14/categories_outcome.json
suppressMessages({library(QCA); library(declared); library(jsonlite)})
data(LM); data(LF)
out <- list()
LM2 <- data.frame(lapply(LM, function(x) as.numeric(unclass(x))), row.names = rownames(LM))
LM2$SURV <- declared(LM2$SURV, labels = c(failed = 0, survived = 1))
tt <- truthTable(LM2, "SURV", incl.cut = 0.8, use.labels = TRUE, show.cases = TRUE)
out$LM_printed <- capture.output(print(tt))
LM2$DEV <- declared(LM2$DEV, labels = c(poor = 0, middle = 1, rich = 2))
tt <- truthTable(LM2, "SURV", incl.cut = 0.8, use.labels = TRUE, show.cases = TRUE)
out$LM_dev_printed <- capture.output(print(tt))
out$LM_models <- capture.output(print(minimize(tt, include = "?")))
LF2 <- data.frame(lapply(LF, function(x) as.numeric(unclass(x))), row.names = rownames(LF))
LF2$SURV <- declared(LF2$SURV, labels = c(collapse = 0, survival = 1))
tt <- truthTable(LF2, "SURV", incl.cut = 0.8, use.labels = TRUE, show.cases = TRUE, complete = TRUE)
out$LF_complete_printed <- capture.output(print(tt))
cat(toJSON(out, auto_unbox = TRUE, pretty = TRUE))
