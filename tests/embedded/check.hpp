// tests/embedded/check.hpp - the embedded test programs' checker: counts checks and
// failures, prints each failure (file, line, expression) through semihosting, and turns
// the result into main's exit status. No doctest, no <random>, no heap.
#pragma once

#include <cstdint>
#include <cstdio>

namespace cxla_embedded {

class checker {
 public:
  void check(bool ok, const char* expression, const char* file, int line) {
    ++checks_;
    if (!ok) {
      ++failures_;
      std::printf("FAIL %s:%d: %s\n", file, line, expression);
    }
  }

  // Starts a named group of checks; the summary lists each group's counts.
  void group(const char* name) {
    end_group();
    group_name_ = name;
    group_checks_ = checks_;
    group_failures_ = failures_;
  }

  // Every header the checker covers exists, so a skipped group means a build regression
  // (e.g. a header no longer found): it counts as a failure.
  void skip(const char* name, const char* reason) {
    end_group();
    ++failures_;
    std::printf("FAIL  %s skipped: %s\n", name, reason);
  }

  int checks() const { return checks_; }
  int failures() const { return failures_; }

  // Prints the totals; returns main's status: 0 only if checks ran and none failed.
  int finish() {
    end_group();
    std::printf("%d checks, %d failed\n", checks_, failures_);
    return (failures_ == 0 && checks_ > 0) ? 0 : 1;
  }

 private:
  void end_group() {
    if (group_name_ != nullptr)
      std::printf("%-5s %s: %d checks\n", failures_ == group_failures_ ? "ok" : "FAIL", group_name_,
                  checks_ - group_checks_);
    group_name_ = nullptr;
  }

  int checks_ = 0;
  int failures_ = 0;
  const char* group_name_ = nullptr;
  int group_checks_ = 0;
  int group_failures_ = 0;
};

}  // namespace cxla_embedded

#define CXLA_CHECK(checker_object, ...) \
  (checker_object).check(static_cast<bool>(__VA_ARGS__), #__VA_ARGS__, __FILE__, __LINE__)
