// cxla/cxla.hpp - umbrella header: everything except pipeline.hpp (Boost.Hana) and io.hpp
// (host-only printing).
#pragma once

#include "matrix.hpp"
#include "ops.hpp"
