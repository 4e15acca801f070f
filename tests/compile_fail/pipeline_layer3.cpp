// Layer 1 produces 8 columns, layer 2 (relu) keeps the width, layer 3 expects 4.
// The pipeline type itself is rejected, before it is applied to anything.
// expect-error: cxla: pipeline layer K expects E columns, receives R
// expect-within-15: layer_K_expects_E_columns_receives_R<3(UL)?, 4(UL)?, 8(UL)?>
#include <cxla/pipeline.hpp>
int main() {
  constexpr auto up = cxla::nn::linear(cxla::matrix<double, 4, 8>{}, cxla::vector<double, 8>{});
#ifdef CXLA_COMPILE_FAIL
  constexpr auto down = cxla::nn::linear(cxla::matrix<double, 4, 2>{}, cxla::vector<double, 2>{});
#else
  constexpr auto down = cxla::nn::linear(cxla::matrix<double, 8, 2>{}, cxla::vector<double, 2>{});
#endif
  const auto model = cxla::pipeline(up, cxla::nn::relu, down);
  return static_cast<int>(model.parameter_count);
}
