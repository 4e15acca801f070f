// tests/embedded/suites.hpp - the groups of run-time checks the embedded checker runs.
// One source file per header family; a family whose header has not landed yet reports
// "skip" and still builds (see checks_*.cpp). To add a family: write checks_NAME.cpp with
// `void check_NAME(checker&)`, declare it here, call it in checker_main.cpp and list the
// file in meson.build.
#pragma once

#include "check.hpp"

namespace cxla_embedded {

void check_seed(checker& c);       // the seed's two examples
void check_core(checker& c);       // matrix.hpp / ops.hpp: core_properties.hpp
void check_math(checker& c);       // math.hpp: math_properties.hpp
void check_softmax(checker& c);    // softmax.hpp
void check_attention(checker& c);  // attention.hpp

}  // namespace cxla_embedded
