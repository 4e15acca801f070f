// A downstream project that uses cxla as a Meson subproject through dependency('cxla').
#include <cxla/cxla.hpp>

constexpr cxla::matrix<int, 2, 2> A{{{1, 2}, {3, 4}}};
static_assert(A * cxla::vector<int, 2>{{1, 1}} == cxla::vector<int, 2>{{3, 7}});

int main() { return (A * A)(1, 1) == 22 ? 0 : 1; }
