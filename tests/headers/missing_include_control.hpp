// Control for the headers-alone check: uses std::array without including <array>, so it
// must not compile on its own.
#pragma once
inline constexpr std::array<int, 2> control_values{{1, 2}};
