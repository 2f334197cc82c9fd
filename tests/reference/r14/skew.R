# SetMethods 4.0 skew.check() on bundled data, as reference for tests/test_skew.py.
# SetMethods is not installed here: its skew.check() (R/skew.check.R of github
# nenaoana/SetMethods at b7859c8c3c1aacc7aedd7346f4360008aa30f77a, Version 4.0) is copied below
# verbatim. Run: R_LIBS=/opt/rqca Rscript tests/reference/r14/skew.R > tests/reference/r14/skew.json
suppressMessages({library(QCA); library(jsonlite)})
skew.check <- function(data, 
                       hist = FALSE,
                       main = NULL)
{ 
  if (any(data>1)  | any(data<0)) stop('The dataframe/set you have provided contains uncalibrated values (outside the range 0-1) or non-numeric values. Please use a subset of your dataframe or provide a dataframe or set that contains only calibrated data.')
  if (is.data.frame(data)) {
    SKEW <- NULL
    for (i in (1:length(data))){
      sh <- NULL
      all <- NULL
      sh <- sum(as.numeric(data[,i]>0.5))
      all <- length(data[,i])
      SKEW[i] <- paste('Set', names(data)[i],'- Cases > 0.5 / Total number of cases:', sh,"/",all, "=", round(sh/all*100, digits=2), "%")
      if (hist == TRUE){
        hist(data[,i], 
             main = colnames(data)[i],
             xlab = "Set Membership")
      }
        
    }
    return(SKEW)
  }
  else {
    sh <- sum(as.numeric(data>0.5))
    all <- length(data)
    skew <- paste('Cases > 0.5 / Total number of cases:', sh,"/",all, "=", round(sh/all*100, digits=2), "%")
    if (hist == TRUE){
      hist(data,
           xlab = "Set Membership",
           main = main)
    }
    return(skew)
  }
}
data(LF); data(CVF); data(LC); data(d.jobsecurity)
out <- list(
    LF = skew.check(LF),
    CVF = skew.check(CVF),
    LC = skew.check(LC),
    d.jobsecurity = skew.check(d.jobsecurity),
    LF_DEV = skew.check(LF$DEV)
)
cat(toJSON(out, pretty = TRUE), "\n")
