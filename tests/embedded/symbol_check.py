#!/usr/bin/env python3
"""Checks the symbols of a linked Cortex-M ELF against the embedded promises.

    symbol_check.py --nm arm-none-eabi-nm prog.elf
        exit 0 if prog.elf has no symbol of a forbidden category, else list them, exit 1
    symbol_check.py --nm arm-none-eabi-nm --expect heap,new prog.elf
        the control: exit 0 only if each listed category IS present (the check can fail)
    symbol_check.py --self-test
        runs every rule on a fixed list of mangled and demangled names

Categories: heap (malloc family, sbrk), new (operator new/delete), exceptions (__cxa_*
exception handling, personality routines, the unwinder), rtti (type_info objects,
dynamic_cast), iostream (streams, ios_base, cout/cin/cerr/clog).
"""
import argparse
import re
import subprocess
import sys

RULES = {
    "heap": re.compile(r"^_?(malloc|free|calloc|realloc|memalign|posix_memalign|aligned_alloc|"
                       r"_malloc_r|_free_r|_calloc_r|_realloc_r|_memalign_r|_sbrk|_sbrk_r|sbrk)$"),
    # operator new / new[] / delete / delete[] in every overload: _Znw*, _Zna*, _Zdl*, _Zda*
    "new": re.compile(r"^_Z(nw|na|dl|da)"),
    "exceptions": re.compile(r"^(__cxa_(allocate_exception|free_exception|throw|rethrow|begin_catch|"
                             r"end_catch|end_cleanup|get_exception_ptr|current_exception_type|"
                             r"call_unexpected|bad_cast|bad_typeid|throw_bad_array_new_length|"
                             r"allocate_dependent_exception|init_primary_exception)|"
                             r"__gxx_personality_v0|__aeabi_unwind_cpp_pr[0-9]|_Unwind_\w+|"
                             r"__gnu_unwind_\w+|_ZSt9terminatev|_ZSt10unexpectedv)$"),
    # type_info objects and names (_ZTI, _ZTS), __dynamic_cast
    "rtti": re.compile(r"^(_ZTI|_ZTS|__dynamic_cast$)"),
    # std::ostream/istream (So/Si/Sd), basic_*stream, ios_base, the standard stream objects
    "iostream": re.compile(r"^(_ZNSo|_ZNSi|_ZNSd|_ZSt4cout|_ZSt4cerr|_ZSt4clog|_ZSt3cin|_ZNSt8ios_base|"
                           r"_ZNSt9basic_ios|_ZSt\w*basic_ostream|_ZNSt13basic_[io]stream|_ZStls|_ZStrs)"),
}


# Reported, not forbidden: C library maths that the program links (e.g. sqrt called by
# __builtin_sqrt for errno or on cores without a double-precision FPU).
NOTES = {
    "libm": re.compile(r"^(__ieee754_\w+|sqrtf?|expf?|logf?|powf?|__errno)$"),
}


def violations(names):
    found = {}
    for name in names:
        for category, rule in RULES.items():
            if rule.search(name):
                found.setdefault(category, []).append(name)
    return found


def symbols(nm, elf):
    out = subprocess.run([nm, "--format=posix", elf], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def self_test():
    forbidden = {
        "malloc": "heap", "_free_r": "heap", "_sbrk": "heap", "calloc": "heap",
        "_Znwj": "new", "_Znaj": "new", "_ZdlPvj": "new", "_ZdaPv": "new", "_ZnwjRKSt9nothrow_t": "new",
        "__cxa_allocate_exception": "exceptions", "__cxa_throw": "exceptions", "__cxa_begin_catch": "exceptions",
        "__gxx_personality_v0": "exceptions", "_Unwind_Resume": "exceptions", "__aeabi_unwind_cpp_pr0": "exceptions",
        "_ZTISt9exception": "rtti", "_ZTSSt9bad_alloc": "rtti", "__dynamic_cast": "rtti",
        "_ZSt4cout": "iostream", "_ZNSt8ios_base4InitC1Ev": "iostream", "_ZNSolsEi": "iostream",
        "_ZStlsISt11char_traitsIcEERSt13basic_ostreamIcT_ES5_PKc": "iostream",
    }
    allowed = ["main", "memcpy", "memset", "__aeabi_fadd", "__aeabi_dmul", "_ZN4cxla6detail4lanesE",
               "__cxa_atexit", "__cxa_pure_virtual", "__cxa_guard_acquire", "_exit", "freeze", "mallocx_",
               "_ZN13cxla_embedded7checker5checkEbPKcS2_i", "exit", "__libc_init_array"]
    ok = True
    for name, category in forbidden.items():
        got = [c for c, names in violations([name]).items()]
        if got != [category]:
            print(f"self-test: {name} classified {got}, expected [{category}]")
            ok = False
    for name in allowed:
        got = violations([name])
        if got:
            print(f"self-test: {name} wrongly classified {list(got)}")
            ok = False
    print("self-test:", "ok" if ok else "FAILED", f"({len(forbidden)} forbidden, {len(allowed)} allowed names)")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nm", default="arm-none-eabi-nm")
    parser.add_argument("--expect", default="", help="comma-separated categories that must be present")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("elf", nargs="?")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.elf:
        parser.error("an ELF file is required")

    names = symbols(args.nm, args.elf)
    if len(names) < 5:
        print(f"{args.elf}: only {len(names)} symbols; is this a linked ELF with a symbol table?")
        return 1
    found = violations(names)
    if args.expect:
        expected = [c for c in args.expect.split(",") if c]
        missing = [c for c in expected if c not in found]
        for c in expected:
            print(f"control {c}: {'found ' + ', '.join(sorted(found[c])[:4]) if c in found else 'NOT found'}")
        if missing:
            print(f"{args.elf}: the check did not detect {', '.join(missing)}: it would pass anything")
            return 1
        return 0
    for category, rule in NOTES.items():
        noted = sorted(name for name in names if rule.search(name))
        if noted:
            print(f"{args.elf}: note (allowed): {category}: {', '.join(noted)}")
    for category, names_found in sorted(found.items()):
        print(f"{args.elf}: {category}: {', '.join(sorted(names_found))}")
    if found:
        return 1
    print(f"{args.elf}: {len(names)} symbols, none of: {', '.join(RULES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
