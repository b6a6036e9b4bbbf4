// The composition root: the only place where the engine meets the model.
#include "models/core/model.hpp"
#include "sim/cli/app.hpp"

int main(int argc, char** argv) { return sim::cli::main(argc, argv, models::cluster_model()); }
