#pragma once
// A run that cannot go on because a value the model computed left the range the model is built for (a
// non-finite state variable, a random draw with an impossible parameter, a population past its limit).
// The model says what failed and where (process, region, industry); the engine adds the tick and the
// scenario keys the user set, and the command line prints it as one line with exit status 1.
#include <stdexcept>
#include <string>

namespace sim {

class ModelFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sim
