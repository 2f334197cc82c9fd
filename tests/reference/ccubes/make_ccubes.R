# R QCA 3.25's CCubes charts and models for tests/reference/ccubes/ccubes.json.
# Usage: R_LIBS=/opt/rqca Rscript make_ccubes.R DIR   (DIR holds one CSV per problem, outcome Y)
# For each DIR/name.csv it writes DIR/name.r.txt: "PIS <R's PI chart rows>", "ESS <essential>",
# then one "SOL <model>" line per model (minimize(truthTable(df, "Y"), include = "?")).
# make_ccubes.py gathers the CSV files and these outputs into ccubes.json.
suppressMessages(library(QCA))
args <- commandArgs(TRUE)
for (f in list.files(args[1], pattern = "\\.csv$", full.names = TRUE)) {
  df <- read.csv(f, row.names = 1)
  res <- tryCatch({
    tt <- truthTable(df, outcome = "Y")
    setTimeLimit(elapsed = 150, transient = TRUE)
    s <- minimize(tt, include = "?")
    setTimeLimit()
    c(paste("PIS", paste(rownames(s$PIchart), collapse = " ")),
      paste("ESS", paste(s$essential, collapse = " ")),
      vapply(s$solution, function(m) paste("SOL", paste(m, collapse = " + ")), ""))
  }, error = function(e) paste("ERROR", conditionMessage(e)))
  writeLines(res, sub("\\.csv$", ".r.txt", f))
}
