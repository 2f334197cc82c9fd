# R's printed results for the fuzzy Lipset data, shown in docs/tutorials/lipset-fuzzy.md.
# Made with R 4.2.2, QCA 3.25:  Rscript docs/tutorials/r/lipset-fuzzy.R > docs/tutorials/r/lipset-fuzzy.txt
suppressMessages(library(QCA))
data(LF)
tt <- truthTable(LF, outcome = "SURV", incl.cut = 0.8, show.cases = TRUE)
print(tt)
print(minimize(tt, details = TRUE))
print(minimize(tt, include = "?", details = TRUE))
print(minimize(tt, include = "?", dir.exp = "DEV, URB, LIT, IND, STB", details = TRUE))
print(superSubset(LF, outcome = "SURV", incl.cut = 0.9, cov.cut = 0.6))
