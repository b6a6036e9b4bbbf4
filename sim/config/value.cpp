#include "sim/config/value.hpp"
