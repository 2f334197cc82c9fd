# R QCA 3.25: several outcomes in one call, an outcome given as an expression, causalChain.
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/outcomes.R > tests/reference/r14/outcomes.json
suppressMessages({library(QCA); library(jsonlite)})
data(LF); data(d.represent); data(CVF)
sols <- function(r) lapply(r$solution, function(s) s)
out <- list()
m <- minimize(LF, outcome = "SURV, STB", incl.cut = 0.8, include = "?")
out$multi_LF <- lapply(m, sols)
m2 <- minimize(CVF, outcome = "PROTEST, NATPRIDE", incl.cut = 0.8, include = "?")
out$multi_CVF <- lapply(m2, sols)
# R 3.25 refuses an expression as outcome ("The outcome is not correct"): the reference is R
# on the expression's membership computed as a column (fuzzy AND = pmin, OR = pmax, NOT = 1 - x)
LF2 <- LF; LF2$SURVSTB <- pmin(LF$SURV, LF$STB); LF2$SURV <- NULL; LF2$STB <- NULL
e <- minimize(LF2, outcome = "SURVSTB", incl.cut = 0.8, include = "?")
out$expr_LF <- list(solution = sols(e), fit = e$IC$sol.incl.cov[1, ])
LF3 <- LF; LF3$Y <- pmax(LF$SURV, 1 - LF$DEV)
e2 <- minimize(LF3, outcome = "Y", conditions = c("URB", "LIT", "IND", "STB"), incl.cut = 0.8, include = "?")
out$expr_LF2 <- list(solution = sols(e2), fit = e2$IC$sol.incl.cov[1, ])
chain <- function(r) lapply(r, function(x) if (length(x) == 1 && is.na(x)) NULL else sols(x))
out$chain_represent <- chain(causalChain(d.represent))
out$chain_represent_ordering <- chain(causalChain(d.represent, ordering = "ES, QU, WS < WM, LP < WNP"))
out$chain_represent_strict <- chain(causalChain(d.represent, ordering = "ES, QU, WS < WM, LP < WNP", strict = TRUE))
cat(toJSON(out, auto_unbox = TRUE, null = "null", pretty = TRUE))
