/* The constants of include/cxla/math.hpp, from MPFR: ln2 split for Cody-Waite reduction
 * (double: 42-bit ln2_hi, float: 15-bit), log2(e), and the exp overflow / underflow thresholds
 * (largest argument with a finite correctly rounded result, smallest with a non-zero one).
 * build: cc -O2 constants.c -o constants -lmpfr -lgmp -lm ; run: ./constants */
#include <float.h>
#include <math.h>
#include <mpfr.h>
#include <stdio.h>

static double exp_d(double x, mpfr_t y) {
  mpfr_set_d(y, x, MPFR_RNDN);
  mpfr_exp(y, y, MPFR_RNDN);
  return mpfr_get_d(y, MPFR_RNDN);
}
static float exp_f(float x, mpfr_t y) {
  mpfr_set_flt(y, x, MPFR_RNDN);
  mpfr_exp(y, y, MPFR_RNDN);
  return mpfr_get_flt(y, MPFR_RNDN);
}

int main(void) {
  mpfr_t l, hi, lo, y;
  mpfr_inits2(400, l, hi, lo, y, (mpfr_ptr)0);
  mpfr_const_log2(l, MPFR_RNDN);
  mpfr_printf("ln2          = %.30Ra\n", l);
  for (int bits = 42; bits >= 15; bits -= 27) {
    mpfr_set_prec(hi, bits);
    mpfr_set(hi, l, MPFR_RNDZ);
    mpfr_set_prec(lo, 400);
    mpfr_sub(lo, l, hi, MPFR_RNDN);
    printf("ln2_hi (%d bits) = %a   ln2_lo = %a (double) %a (float)\n", bits, mpfr_get_d(hi, MPFR_RNDN),
           mpfr_get_d(lo, MPFR_RNDN), (double)mpfr_get_flt(lo, MPFR_RNDN));
  }
  printf("ln2 (double) = %a\n", mpfr_get_d(l, MPFR_RNDN));
  mpfr_ui_div(y, 1, l, MPFR_RNDN);
  printf("log2(e)      = %a (double) %a (float)\n", mpfr_get_d(y, MPFR_RNDN), (double)mpfr_get_flt(y, MPFR_RNDN));

  /* Thresholds: start next to them (log(max), log(smallest subnormal / 2)), step by one ulp. */
  double x = log(DBL_MAX);
  while (isinf(exp_d(x, y))) x = nextafter(x, 0);
  while (!isinf(exp_d(nextafter(x, 1000), y))) x = nextafter(x, 1000);
  printf("double: largest x with finite exp(x)   = %a\n", x);
  x = -1075 * log(2.0);  /* exp(x) = half the smallest subnormal */
  while (exp_d(x, y) == 0) x = nextafter(x, 0);
  while (exp_d(nextafter(x, -1000), y) != 0) x = nextafter(x, -1000);
  printf("double: smallest x with exp(x) > 0     = %a\n", x);
  float xf = logf(FLT_MAX);
  while (isinf(exp_f(xf, y))) xf = nextafterf(xf, 0);
  while (!isinf(exp_f(nextafterf(xf, 1000), y))) xf = nextafterf(xf, 1000);
  printf("float:  largest x with finite exp(x)   = %a\n", (double)xf);
  xf = (float)(-150 * log(2.0));
  while (exp_f(xf, y) == 0) xf = nextafterf(xf, 0);
  while (exp_f(nextafterf(xf, -1000), y) != 0) xf = nextafterf(xf, -1000);
  printf("float:  smallest x with exp(x) > 0     = %a\n", (double)xf);
  mpfr_clears(l, hi, lo, y, (mpfr_ptr)0);
  return 0;
}
