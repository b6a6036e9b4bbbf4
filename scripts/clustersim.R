# clustersim's run files in R: open_run() and to_long(), the R counterparts of clustersim.open_run and
# clustersim.to_long of the Python module (python/clustersim/). Uses the hdf5r package (Debian:
# r-cran-hdf5r). Not a command: source it.
#
#   source("scripts/clustersim.R")
#   run <- open_run("results/baseline.h5")
#   dim(run$variables$sales)                    # time, region, industry: the order of the file
#   run$variables$sales["2035-12-31", "Anhui", "future_energy"]
#   long <- to_long(run, c("gdp", "welfare"))   # data.frame: time, region, variable, value
#   aggregate(value ~ time + variable, long, sum)
#
# Dimensions: HDF5 stores arrays in row-major (C) order and R in column-major order, so hdf5r returns
# every array with its axes reversed (`sales` comes back as industry x region x time). open_run turns
# each array back with aperm() into the order of the file, which is the order docs/output.md lists and
# the order xarray shows, and names the axes from the file's dimension scales (dimnames: dates for
# time, names for region and industry, labels for the other axes).
#
# The time series only: the firm panel (the group `firm_panel`, or in earlier files the dimension `firm_record`) is left out.
# Errors name the file and what was expected (stop()).

suppressPackageStartupMessages(library(hdf5r))

clustersim_expected_run <- "expected a clustersim run file, written by `clustersim run`"

# The names of a dataset's axes in the file's order, from its dimension scales ("/time" -> "time").
clustersim_axis_names <- function(file, dataset) {
  if (!("DIMENSION_LIST" %in% h5attr_names(dataset))) return(character(0))
  references <- h5attr(dataset, "DIMENSION_LIST")
  sub("^/", "", sapply(references, function(ref) ref$dereference(obj = file)[[1]]$get_obj_name()))
}

# Dates of the time axis, from its units "days since YYYY-MM-DD ...".
clustersim_dates <- function(file, path) {
  units <- h5attr(file[["time"]], "units")
  origin <- regmatches(units, regexpr("[0-9]{4}-[0-9]{2}-[0-9]{2}", units))
  if (!grepl("^days since", units) || length(origin) != 1) {
    stop(sprintf("%s: time units '%s' are not 'days since YYYY-MM-DD'", path, units), call. = FALSE)
  }
  as.Date(file[["time"]]$read(), origin = origin)
}

# The labels of an axis: dates for time, the stored values (names, indices) for the others.
clustersim_axis_labels <- function(file, path, axis) {
  if (axis == "time") return(format(clustersim_dates(file, path)))
  as.character(file[[axis]]$read())
}

clustersim_is_dimension_scale <- function(dataset) {
  "CLASS" %in% h5attr_names(dataset) && h5attr(dataset, "CLASS") == "DIMENSION_SCALE"
}

# open_run(path, variables = NULL): a list with
#   variables:  named list of arrays in the file's axis order, with dimnames (numeric variables only)
#   units, long_names, descriptions: named character vectors; units is the unit as people read it,
#     the attribute units_note where there is one (currency, persons), else units ("" for neither)
#   dates: the time axis as Date;  attributes: the file's global attributes;  path
# `variables` picks variables by name (default: every numeric variable of the time series).
open_run <- function(path, variables = NULL) {
  if (!file.exists(path)) stop(sprintf("%s: no such file; %s", path, clustersim_expected_run), call. = FALSE)
  if (!isTRUE(tryCatch(is_hdf5(path), error = function(e) FALSE))) {
    stop(sprintf("%s: not an HDF5 file; %s", path, clustersim_expected_run), call. = FALSE)
  }
  file <- H5File$new(path, mode = "r")
  on.exit(file$close_all())
  attribute_names <- h5attr_names(file)
  attributes <- lapply(setNames(attribute_names, attribute_names), function(name) h5attr(file, name))
  title <- paste(attributes[intersect(c("title", "source"), attribute_names)], collapse = " ")
  if (!grepl("clustersim", title) || !file$exists("time")) {
    stop(sprintf("%s: not a clustersim file; %s", path, clustersim_expected_run), call. = FALSE)
  }
  if (file$exists("scenario") && file$exists("run_status")) {
    stop(sprintf("%s: a sweep file; %s (read sweeps with clustersim.open_sweep in Python)", path,
                 clustersim_expected_run), call. = FALSE)
  }
  names <- file$ls()$name
  if (!is.null(variables)) {
    unknown <- setdiff(variables, names)
    if (length(unknown) > 0) {
      stop(sprintf("%s: no variable %s; %s", path, paste0("'", unknown, "'", collapse = ", "),
                   clustersim_expected_run), call. = FALSE)
    }
    names <- variables
  }
  labels <- list()
  result <- list(variables = list(), units = character(0), long_names = character(0), descriptions = character(0),
                 dates = clustersim_dates(file, path), attributes = attributes, path = path)
  for (name in names) {
    dataset <- file[[name]]
    if (!inherits(dataset, "H5D") || clustersim_is_dimension_scale(dataset)) next
    axes <- clustersim_axis_names(file, dataset)
    if ("firm_record" %in% axes) next  # the firm panel, not a time series
    values <- dataset$read()
    if (!is.numeric(values) && !is.logical(values)) next
    if (length(axes) > 1) {
      values <- aperm(values, rev(seq_along(axes)))  # hdf5r reverses the axes; back to the file's order
    } else if (length(axes) == 1) {
      values <- array(values, dim = length(values))
    }
    for (axis in axes) {
      if (is.null(labels[[axis]])) labels[[axis]] <- clustersim_axis_labels(file, path, axis)
    }
    if (length(axes) > 0) dimnames(values) <- setNames(labels[axes], axes)
    result$variables[[name]] <- values
    dataset_attributes <- h5attr_names(dataset)
    result$units[name] <- if ("units_note" %in% dataset_attributes) {
      h5attr(dataset, "units_note")
    } else if ("units" %in% dataset_attributes) {
      h5attr(dataset, "units")
    } else {
      ""
    }
    result$long_names[name] <- if ("long_name" %in% dataset_attributes) h5attr(dataset, "long_name") else name
    result$descriptions[name] <- if ("description" %in% dataset_attributes) h5attr(dataset, "description") else ""
  }
  result
}

# to_long(run, variables = NULL): one row per element of each variable, as clustersim.to_long in Python:
# a column per axis (NA where a variable lacks it; `time` as Date), then `variable` and `value`.
to_long <- function(run, variables = NULL) {
  names <- if (is.null(variables)) names(run$variables) else variables
  unknown <- setdiff(names, names(run$variables))
  if (length(unknown) > 0) {
    stop(sprintf("%s: no variable %s in the run (open_run read: %s)", run$path,
                 paste0("'", unknown, "'", collapse = ", "), paste(names(run$variables), collapse = ", ")),
         call. = FALSE)
  }
  frames <- lapply(names, function(name) {
    values <- run$variables[[name]]
    axes <- dimnames(values)
    # expand.grid varies its first column fastest, as as.vector() runs through an R array.
    frame <- if (length(axes) > 0) expand.grid(axes, stringsAsFactors = FALSE) else data.frame(row.names = 1)
    frame$variable <- name
    frame$value <- as.numeric(as.vector(values))
    frame
  })
  axes <- unique(unlist(lapply(frames, function(frame) setdiff(names(frame), c("variable", "value")))))
  frames <- lapply(frames, function(frame) {
    for (axis in setdiff(axes, names(frame))) frame[[axis]] <- NA_character_
    frame[c(axes, "variable", "value")]
  })
  long <- do.call(rbind, frames)
  if ("time" %in% axes) long$time <- as.Date(long$time)
  rownames(long) <- NULL
  long
}
