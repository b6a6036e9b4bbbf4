#pragma once
// The command line: `clustersim run|validate ...`. Returns the process exit status:
// 0 success, 1 runtime failure, 2 bad input.
namespace sim::cli {
int main(int argc, char** argv);
}
