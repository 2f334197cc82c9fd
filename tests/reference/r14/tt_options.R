# R QCA 3.25: use.letters, the order of cases in a row (data order), category labels
# (replaceCategories). Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/tt_options.R > tests/reference/r14/tt_options.json
suppressMessages({library(QCA); library(jsonlite)})
data(LF); data(LM)
out <- list()
tt <- truthTable(LF, "SURV", incl.cut = 0.8, use.letters = TRUE)
out$letters_conditions <- colnames(tt$tt)[1:5]
out$letters_solution <- minimize(tt, include = "?")$solution
tt <- truthTable(LF, "SURV", incl.cut = 0.8)
out$LF_cases <- lapply(tt$cases, function(x) strsplit(x, ",")[[1]])
out$LF_rows <- as.integer(rownames(tt$tt))
rev <- LF[nrow(LF):1, ]
tt <- truthTable(rev, "SURV", incl.cut = 0.8)
out$LFrev_cases <- lapply(tt$cases, function(x) strsplit(x, ",")[[1]])
sol <- minimize(truthTable(LM, "SURV", incl.cut = 0.8), include = "?")
out$LM_solution <- sol$solution
categories <- list(DEV = c("poor", "middle", "rich"), URB = c("rural", "urban"))
out$LM_categories <- categories
out$LM_labelled <- lapply(sol$solution, function(s) replaceCategories(s, categories))
out$crisp_labelled <- replaceCategories(c("DEV*~URB", "~DEV + URB"), list(DEV = c("poor", "rich"), URB = c("rural", "urban")))
cat(toJSON(out, auto_unbox = TRUE, pretty = TRUE))
