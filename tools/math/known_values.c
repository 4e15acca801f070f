/* Correctly rounded reference values for tests/static/math_static.cpp, from MPFR.
 * build: cc -O2 known_values.c -o known_values -lmpfr -lgmp ; run: ./known_values */
#include <mpfr.h>
#include <stdio.h>

typedef int (*fn)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
static void show(const char* name, fn f, const char* arg) {
  mpfr_t x, y;
  mpfr_inits2(256, x, y, (mpfr_ptr)0);
  mpfr_set_str(x, arg, 10, MPFR_RNDN);
  double xd = mpfr_get_d(x, MPFR_RNDN);
  float xf = mpfr_get_flt(x, MPFR_RNDN);
  mpfr_set_d(x, xd, MPFR_RNDN);
  f(y, x, MPFR_RNDN);
  double yd = mpfr_get_d(y, MPFR_RNDN);
  mpfr_set_flt(x, xf, MPFR_RNDN);
  f(y, x, MPFR_RNDN);
  float yf = mpfr_get_flt(y, MPFR_RNDN);
  printf("%-6s(%s): double %a -> %a   float %a -> %a\n", name, arg, xd, yd, (double)xf, (double)yf);
  mpfr_clears(x, y, (mpfr_ptr)0);
}
int main(void) {
  show("exp", mpfr_exp, "1"); show("exp", mpfr_exp, "-1"); show("exp", mpfr_exp, "0.5"); show("exp", mpfr_exp, "10");
  show("exp", mpfr_exp, "-700"); show("exp", mpfr_exp, "700"); show("exp", mpfr_exp, "-100"); show("exp", mpfr_exp, "80");
  show("log", mpfr_log, "2"); show("log", mpfr_log, "10"); show("log", mpfr_log, "0.01"); show("log", mpfr_log, "1e-300");
  show("log", mpfr_log, "1e300"); show("log", mpfr_log, "3");
  show("sqrt", mpfr_sqrt, "2"); show("sqrt", mpfr_sqrt, "3"); show("sqrt", mpfr_sqrt, "1e-300"); show("sqrt", mpfr_sqrt, "0.01");
  show("expm1", mpfr_expm1, "1e-10"); show("expm1", mpfr_expm1, "1"); show("expm1", mpfr_expm1, "-1");
  show("log1p", mpfr_log1p, "1e-10"); show("log1p", mpfr_log1p, "1"); show("log1p", mpfr_log1p, "-0.5");
  show("tanh", mpfr_tanh, "0.5"); show("tanh", mpfr_tanh, "1"); show("tanh", mpfr_tanh, "-3");
  show("erf", mpfr_erf, "0.5"); show("erf", mpfr_erf, "1"); show("erf", mpfr_erf, "-2");
  return 0;
}
