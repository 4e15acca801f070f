// The doctest runner shared by every runtime test program. Prints the random seed first so
// that a failing randomised case can be replayed with CXLA_TEST_SEED=<seed>.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "opaque.hpp"

int main(int argc, char** argv) {
  std::printf("cxla tests: random seed %llu (set CXLA_TEST_SEED to replay)\n",
              static_cast<unsigned long long>(cxla_test::test_seed()));
  doctest::Context context;
  context.applyCommandLine(argc, argv);
  return context.run();
}
