// residual(f) needs f to keep the shape (x + f(x)); here f maps 16 columns to 8.
// expect-error: cxla: pipeline layer K is residual\(f\) with f mapping C columns to D
// expect-within-15: residual_at_layer_K_maps_C_columns_to_D<2(UL)?, 16(UL)?, 8(UL)?>
#include <cxla/pipeline.hpp>
int main() {
#ifdef CXLA_COMPILE_FAIL
  constexpr auto f = cxla::nn::linear(cxla::matrix<float, 16, 8>{}, cxla::vector<float, 8>{});
#else
  constexpr auto f = cxla::nn::linear(cxla::matrix<float, 16, 16>{}, cxla::vector<float, 16>{});
#endif
  const auto model = cxla::pipeline(cxla::nn::relu, cxla::nn::residual(f));
  return static_cast<int>(model.parameter_count);
}
