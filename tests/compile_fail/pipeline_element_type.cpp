// A float layer fed from a double layer.
// expect-error: cxla: pipeline layer K expects element type E, receives R
// expect-within-15: layer_K_expects_element_type_E_receives_R<2(UL)?, float, double>
#include <cxla/pipeline.hpp>
int main() {
  constexpr auto first = cxla::nn::linear(cxla::matrix<double, 3, 3>{}, cxla::vector<double, 3>{});
#ifdef CXLA_COMPILE_FAIL
  constexpr auto second = cxla::nn::linear(cxla::matrix<float, 3, 3>{}, cxla::vector<float, 3>{});
#else
  constexpr auto second = cxla::nn::linear(cxla::matrix<double, 3, 3>{}, cxla::vector<double, 3>{});
#endif
  const auto model = cxla::pipeline(first, second);
  return static_cast<int>(model.parameter_count);
}
