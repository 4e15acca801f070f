// cxla/cxla.hpp - umbrella header: everything except pipeline.hpp (Boost.Hana) and io.hpp
// (host-only printing).
#pragma once

#include "math.hpp"
#include "matrix.hpp"
#include "ops.hpp"
#include "softmax.hpp"
#include "attention.hpp"
#include "spans.hpp"
