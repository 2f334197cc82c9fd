# admisc 0.39.1 invert() (the negation as a minimal SOP, as admisc writes it).
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/invert.R > tests/reference/r14/invert.json
suppressMessages({library(admisc); library(jsonlite)})
exprs <- c("A*B + ~C", "DEV*~IND + URB*STB", "A*~B + ~A*B", "A*B*C + D",
           "~NATPRIDE + DEMOC*ETHFRACT + GEOCON*POLDIS", "A*B + B*C + ~A*~C", "~LIT + DEV*STB")
cat(toJSON(lapply(setNames(exprs, exprs), function(e) invert(e)[[1]]), auto_unbox = TRUE, pretty = TRUE))
