#!/usr/bin/env Rscript
# Reads a clustersim run file in R and plots one time series to PNG: an example of reading the output
# without Python. Uses the hdf5r package (Debian: r-cran-hdf5r) and base graphics on the png() device,
# so it needs no display.
#
# Usage:
#   Rscript scripts/plot_run.R RUN.h5 [OUT.png] [VARIABLE]
#
# OUT.png defaults to RUN-VARIABLE.png next to the input. VARIABLE defaults to welfare_total (else real_gdp_total, else
# gdp_total, national GDP); a variable with more axes than time is summed over them (gdp gives national
# GDP). The time axis is decoded from the `units` attribute of `time` ("days since YYYY-MM-DD ...").
# A file that is not a clustersim run file, or a variable without a time axis, is reported in one line
# on stderr with exit status 2.
#
# Examples:
#   Rscript scripts/plot_run.R results/baseline.h5
#   Rscript scripts/plot_run.R results/baseline.h5 talent.png talent_stock

usage <- "usage: Rscript scripts/plot_run.R RUN.h5 [OUT.png] [VARIABLE]"

fail <- function(message) {
  cat("plot_run.R: error: ", message, "\n", sep = "", file = stderr())
  quit(save = "no", status = 2)
}

args <- commandArgs(trailingOnly = TRUE)
if (length(args) >= 1 && args[1] %in% c("-h", "--help")) {
  cat(usage, "\n",
      "Plots one time series of a clustersim run file (default welfare_total) to PNG with base graphics.\n",
      "OUT.png defaults to RUN-VARIABLE.png; a variable with more axes than time is summed over them.\n",
      "Examples:\n",
      "  Rscript scripts/plot_run.R results/baseline.h5\n",
      "  Rscript scripts/plot_run.R results/baseline.h5 talent.png talent_stock\n", sep = "")
  quit(save = "no", status = 0)
}
if (length(args) < 1 || length(args) > 3) fail(usage)

suppressPackageStartupMessages(library(hdf5r))

path <- args[1]
expected <- "expected a clustersim run file, written by `clustersim run`"
if (!file.exists(path)) fail(sprintf("%s: no such file (%s)", path, expected))
is_hdf5_file <- tryCatch(is_hdf5(path), error = function(e) FALSE)
if (!isTRUE(is_hdf5_file)) fail(sprintf("%s: not an HDF5 file (%s)", path, expected))
file <- tryCatch(H5File$new(path, mode = "r"),
                 error = function(e) fail(sprintf("%s: cannot open: %s", path, conditionMessage(e))))

global_attribute <- function(name) {
  if (name %in% h5attr_names(file)) as.character(h5attr(file, name)) else ""
}
if (!grepl("clustersim", global_attribute("title")) || !file$exists("time")) {
  fail(sprintf("%s: not a clustersim file (%s)", path, expected))
}
if (file$exists("scenario") && file$exists("run_status")) {
  fail(sprintf("%s: a sweep file; plot_run.R reads run files (open a sweep with scripts/plot_sweep.py)", path))
}

# The time axis: numbers of days since the date named in its units attribute.
time_units <- h5attr(file[["time"]], "units")
origin <- regmatches(time_units, regexpr("[0-9]{4}-[0-9]{2}-[0-9]{2}", time_units))
if (!grepl("^days since", time_units) || length(origin) != 1) {
  fail(sprintf("%s: time units '%s' are not 'days since YYYY-MM-DD'", path, time_units))
}
dates <- as.Date(file[["time"]]$read(), origin = origin)

defaults <- c("welfare_total", "real_gdp_total", "gdp_total", "gdp")
variable <- if (length(args) >= 3) args[3] else defaults[sapply(defaults, file$exists)][1]
if (is.na(variable) || !file$exists(variable) || !inherits(file[[variable]], "H5D")) {
  fail(sprintf("%s: no variable '%s'", path, if (is.na(variable)) paste(defaults, collapse = " or ") else variable))
}
dataset <- file[[variable]]

# Names of the variable's axes in HDF5 (C) order, from its dimension scales.
axis_names <- tryCatch(
  sapply(h5attr(dataset, "DIMENSION_LIST"), function(ref) ref$dereference(obj = file)[[1]]$get_obj_name()),
  error = function(e) character(0))
time_axis <- match("/time", axis_names)
if (is.na(time_axis)) fail(sprintf("%s: variable '%s' has no time axis", path, variable))

values <- dataset$read()
if (length(axis_names) > 1) {
  # hdf5r returns arrays with the axes reversed (R is column-major): HDF5 axis k is R axis rank - k + 1.
  values <- apply(values, length(axis_names) - time_axis + 1, sum, na.rm = TRUE)
}
# The unit as people read it: units_note (currency, persons: units UDUNITS cannot express), else units.
attribute_names <- h5attr_names(dataset)
units <- if ("units_note" %in% attribute_names) {
  h5attr(dataset, "units_note")
} else if ("units" %in% attribute_names) {
  h5attr(dataset, "units")
} else {
  "no units"
}
long_name <- if ("long_name" %in% h5attr_names(dataset)) h5attr(dataset, "long_name") else variable
summed <- if (length(axis_names) > 1) paste0(" (sum over ", paste(sub("^/", "", axis_names[-time_axis]), collapse = ", "), ")") else ""

output <- if (length(args) >= 2) args[2] else sub("\\.[^.]*$", paste0("-", variable, ".png"), path)
scenario_name <- global_attribute("scenario_name")
file$close_all()

# png() with cairo opens the file only when the first page is drawn, so check the directory first.
if (file.access(dirname(output), 2) != 0) fail(sprintf("%s: cannot write the figure (directory missing or not writable)", output))
png(output, width = 900, height = 560, res = 100, type = if (capabilities("cairo")) "cairo" else "Xlib")
par(mar = c(4.5, 7.5, 4, 1))
plot(dates, values, type = "l", lwd = 2, col = "steelblue", xaxt = "n", yaxt = "n", xlab = "date (end of tick)",
     ylab = "", main = paste0(long_name, "\n", basename(path), ": ", scenario_name), cex.main = 0.9)
date_ticks <- pretty(dates)
axis.Date(1, at = date_ticks, format = if (all(format(date_ticks, "%m-%d") == "01-01")) "%Y" else "%Y-%m")
value_ticks <- pretty(values)
axis(2, at = value_ticks, labels = format(value_ticks, big.mark = ",", scientific = FALSE, trim = TRUE), las = 1, cex.axis = 0.8)
mtext(paste0(variable, summed, " [", units, "]"), side = 2, line = 6)
abline(v = date_ticks, h = value_ticks, col = "grey85", lty = 3)
invisible(dev.off())
cat("plot_run.R: wrote ", output, "\n", sep = "", file = stderr())
