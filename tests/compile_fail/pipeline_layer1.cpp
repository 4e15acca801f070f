// A model whose first layer takes 4 features, applied to tokens of 3 features.
// expect-error: cxla: pipeline layer K expects E columns, receives R
// expect-within-15: layer_K_expects_E_columns_receives_R<1(UL)?, 4(UL)?, 3(UL)?>
#include <cxla/pipeline.hpp>
int main() {
  constexpr auto model = cxla::pipeline(cxla::nn::linear(cxla::matrix<float, 4, 8>{}, cxla::vector<float, 8>{}),
                                        cxla::nn::relu);
#ifdef CXLA_COMPILE_FAIL
  const cxla::matrix<float, 2, 3> X{};
#else
  const cxla::matrix<float, 2, 4> X{};
#endif
  return static_cast<int>(model(X)(0, 0));
}
