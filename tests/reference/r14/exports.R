# The exported functions of R QCA 3.25 and admisc 0.39.1 (getNamespaceExports), and of
# SetMethods 4.0 (not installed here: the export() line of its NAMESPACE, github
# nenaoana/SetMethods at b7859c8c3c1aacc7aedd7346f4360008aa30f77a, Version 4.0, copied below).
# tests/test_docs_rusers.py checks that docs/r-users.md names every one of them.
# Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/exports.R > tests/reference/r14/exports.json
suppressMessages({library(QCA); library(jsonlite)})
setmethods <- c("ambig.cases", "rob.calibrange", "cluster.plot", "cluster", "rob.corefit", "esa",
                "rob.inclrange", "indirectCalibration", "intersectExp", "LR.intersect",
                "rob.ncutrange", "negateExp", "pimdata", "pimplot", "property.cube", "QCAfit",
                "QCAradar", "rob.cases", "rob.fit", "rob.xyplot", "skew.check", "smmr",
                "stargazerSol", "stargazerTT", "theory.evaluation", "xy.plot", "rob.singletest")
out <- list(
    QCA = list(version = as.character(packageVersion("QCA")),
               exports = sort(getNamespaceExports("QCA"), method = "radix")),
    admisc = list(version = as.character(packageVersion("admisc")),
                  exports = sort(getNamespaceExports("admisc"), method = "radix")),
    SetMethods = list(version = "4.0", exports = sort(setmethods, method = "radix"))
)
cat(toJSON(out, pretty = TRUE), "\n")
