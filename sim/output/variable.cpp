#include "sim/output/variable.hpp"
