// tests/properties/props_common.hpp - names shared by several property headers (one
// definition each, so any set of property headers can be included together).
#pragma once

#include <limits>

namespace cxla_props {

template <class T>
inline constexpr T inf = std::numeric_limits<T>::infinity();

}  // namespace cxla_props
