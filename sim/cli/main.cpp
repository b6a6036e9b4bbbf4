#include "sim/cli/app.hpp"

int main(int argc, char** argv) { return sim::cli::main(argc, argv); }
