# R QCA 3.25: temporal QCA (tQCA), condition columns holding the "don't care" placeholder "-"
# (Caren & Panofsky 2005; Ragin & Strand 2008). R's own RS data, a fuzzy data set with one
# ordering column and a crisp one with two.
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/tqca.R > tests/reference/r14/tqca.json
suppressMessages({library(QCA); library(jsonlite)})
data(RS)
fz <- data.frame(
    A = c(0.9, 0.8, 0.7, 0.2, 0.6, 0.1, 0.9, 0.3, 0.8, 0.2, 0.7, 0.4),
    B = c(0.8, 0.9, 0.3, 0.7, 0.8, 0.2, 0.6, 0.9, 0.1, 0.3, 0.9, 0.2),
    AB = c("1", "0", "-", "1", "1", "-", "0", "-", "-", "0", "1", "-"),
    C = c(0.7, 0.2, 0.9, 0.8, 0.6, 0.3, 0.9, 0.1, 0.2, 0.7, 0.8, 0.1),
    Y = c(0.9, 0.3, 0.8, 0.7, 0.8, 0.1, 0.9, 0.2, 0.3, 0.2, 0.9, 0.1),
    row.names = paste0("k", 1:12)
)
cr <- data.frame(
    A = c(1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0),
    B = c(1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0),
    C = c(1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0),
    AB = c("1", "0", "-", "-", "1", "-", "0", "-", "1", "-", "-", "1", "-", "-"),
    BC = c("0", "-", "-", "1", "1", "-", "1", "-", "0", "-", "0", "-", "-", "-"),
    Y = c(1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0),
    row.names = paste0("c", 1:14)
)
tt_json <- function(tt) {
    t <- tt$tt
    list(
        rows = as.integer(rownames(t)),
        configurations = lapply(seq(nrow(t)), function(i) as.character(unlist(t[i, tt$options$conditions]))),
        OUT = as.character(t$OUT), n = as.integer(t$n),
        incl = suppressWarnings(as.numeric(t$incl)), PRI = suppressWarnings(as.numeric(t$PRI)),
        cases = lapply(as.character(t$cases), function(x) if (is.na(x) || x == "") character(0) else strsplit(x, ",")[[1]]),
        noflevels = tt$noflevels,
        printed = capture.output(print(tt))
    )
}
sol_json <- function(m) {
    fits <- function(ic) list(
        terms = rownames(ic), inclS = ic$inclS, PRI = ic$PRI, covS = ic$covS,
        covU = if (is.null(ic$covU)) NULL else ic$covU
    )
    out <- list(solutions = m$solution, pi_chart_rows = rownames(m$PIchart), pi_chart_cols = colnames(m$PIchart))
    if (length(m$solution) == 1) {
        out$terms <- fits(m$IC$incl.cov)
        out$model <- as.list(unlist(m$IC$sol.incl.cov))
    } else {
        out$terms <- fits(m$IC$overall$incl.cov)
        out$models <- lapply(m$IC$individual, function(x) as.list(unlist(x$sol.incl.cov)))
    }
    out
}
out <- list()
tt <- truthTable(RS, "REC", complete = TRUE, show.cases = TRUE)
out$RS <- list(tt = tt_json(tt),
    conservative = sol_json(minimize(tt, details = TRUE)),
    parsimonious = sol_json(minimize(tt, include = "?", details = TRUE)),
    parsimonious_negated = sol_json(minimize(truthTable(RS, "~REC"), include = "?", details = TRUE)),
    intermediate = lapply(
        minimize(truthTable(RS, "REC"), include = "?", dir.exp = "1,1,1,1,1")$i.sol,
        function(x) x$solution
    ),
    relaxed = minimize(truthTable(RS, "REC"), include = "?", pi.cons = 0.8, sol.cons = 0.8)$solution)
out$RS$sorted_by_EBA <- capture.output(print(truthTable(RS, "REC", sort.by = "EBA")))
tt <- truthTable(fz, "Y", incl.cut = 0.75, show.cases = TRUE)
out$fuzzy <- list(data = fz, tt = tt_json(tt),
    conservative = sol_json(minimize(tt, details = TRUE)),
    parsimonious = sol_json(minimize(tt, include = "?", details = TRUE)))
tt <- truthTable(cr, "Y", show.cases = TRUE)
out$two <- list(data = cr, tt = tt_json(tt),
    conservative = sol_json(minimize(tt, details = TRUE)),
    parsimonious = sol_json(minimize(tt, include = "?", details = TRUE)))
cat(toJSON(out, auto_unbox = TRUE, pretty = TRUE, digits = NA, dataframe = "columns"))
