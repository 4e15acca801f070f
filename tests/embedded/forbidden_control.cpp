// tests/embedded/forbidden_control.cpp - the symbol check's control: a program with
// everything the check forbids (operator new/delete, malloc/free, a thrown exception,
// typeid, std::cout). This file alone is compiled with -fexceptions -frtti. The check must
// reject this ELF in every category, or it proves nothing about umbrella_program.
#include <cstdlib>
#include <iostream>
#include <new>
#include <typeinfo>

#include "inputs.hpp"

// Stored through volatile pointers, so the compiler cannot elide the allocations.
int* volatile cell;
void* volatile block;

struct base {
  virtual ~base() = default;
};
struct derived : base {};

int main() {
  cell = new int(cxla_embedded::opaque(41));
  block = std::malloc(static_cast<std::size_t>(cxla_embedded::opaque(16)));
  int value = *cell + (block != nullptr ? 1 : 0);
  delete cell;
  std::free(block);
  derived d;
  const base& b = d;
  value += typeid(b) == typeid(derived) ? 0 : 1;
  try {
    if (cxla_embedded::opaque(value) == 42) throw value;
  } catch (int thrown) {
    std::cout << thrown << '\n';
  }
  return value == 42 ? 0 : 1;
}
