// tests/embedded/reference.cpp - newlib's libm behind plain functions (see reference.hpp).
#include "reference.hpp"

#include <cmath>

namespace cxla_embedded::reference {

double libm_exp(double x) { return std::exp(x); }
double libm_log(double x) { return std::log(x); }
double libm_sqrt(double x) { return std::sqrt(x); }

}  // namespace cxla_embedded::reference
