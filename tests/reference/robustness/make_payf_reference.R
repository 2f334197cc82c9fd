# Reference figures for tests/test_robustness.py::test_oana_schneider_payf_example: SetMethods'
# own worked example (man/rob.fit.Rd, the PAYF data of Oana, Schneider & Thomann 2021), run with
# SetMethods 4.0's rob.* code (github.com/nenaoana/SetMethods, R/QCAfit.R, R/pimdata.R,
# R/rob.corefit.R, R/helper_rob.R, R/rob.fit.R, R/rob.cases.R sourced as they are) on QCA 3.25.
#   R_LIBS=/opt/rqca Rscript make_payf_reference.R   (in a folder holding those files and PAYF.rda)
# writes PAYF.csv and prints the figures copied into payf_setmethods.json.
suppressMessages(library(QCA))
for (f in c("QCAfit.R", "pimdata.R", "rob.corefit.R", "helper_rob.R", "rob.fit.R", "rob.cases.R")) source(f)
load("PAYF.rda")
conds <- c("HE","GG","AH","HI","HW")
IS <- minimize(data = PAYF, outcome = "HL", conditions = conds, incl.cut = 0.87, n.cut = 2, include = "?", details = TRUE, show.cases = TRUE)
TS1 <- minimize(data = PAYF, outcome = "HL", conditions = conds, incl.cut = 0.7, n.cut = 2, include = "?", details = TRUE, show.cases = TRUE)
TS2 <- minimize(data = PAYF, outcome = "HL", conditions = conds, incl.cut = 0.87, n.cut = 1, include = "?", details = TRUE, show.cases = TRUE)
TS <- list(TS1, TS2)
print(IS$solution); print(TS1$solution); print(TS2$solution)
print(rob.fit(test_sol = TS, initial_sol = IS, outcome = "HL"))
print(rob.corefit(test_sol = TS, initial_sol = IS, outcome = "HL"))
RC <- rob.cases(test_sol = TS, initial_sol = IS, outcome = "HL")
print(RC$CaseParameters)
for (n in names(RC$CaseTypes)) cat(n, ":", paste(RC$CaseTypes[[n]]$CaseNames, collapse = ","), "\n")
write.csv(PAYF, "PAYF.csv")
