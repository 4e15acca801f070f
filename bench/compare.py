#!/usr/bin/env python3
"""Tables and a plot from Google Benchmark JSON output of the cxla benchmark programs.

    compare.py RUN.json [RUN2.json ...] [--fast FAST.json ...] [--markdown OUT.md]
               [--plot OUT.png] [--time cpu|real]

Benchmark names are  op/type/size/implementation  (e.g. "matvec/float/16x16/cxla"); every
case with both a `cxla` and an `eigen` implementation gets a row with the median times, the
time ratio cxla/Eigen, GFLOP/s and the fraction of the core's peak. Runs with
--benchmark_repetitions give median aggregates, which are used; otherwise the single run.

--fast takes the same programs built with -ffp-contract=fast and adds their ratio column.
The plot needs matplotlib (Debian: python3-matplotlib); without it only the tables are made.
"""

import argparse
import json
import math
import re
import sys
from collections import OrderedDict

IMPLS = ("cxla", "eigen", "naive")


def flops(op, size):
    """FLOP per operation: 2RC for X*w, 2N^3 for A*B, 4mnd for attention (m = 1 or n)."""
    op = op.split(" [")[0]
    m = re.fullmatch(r"(\d+)x(\d+)", size)
    if op == "matvec" and m:
        return 2 * int(m.group(1)) * int(m.group(2))
    if op == "matmul" and m:
        return 2 * int(m.group(1)) * int(m.group(1)) * int(m.group(2))
    a = re.fullmatch(r"n(\d+)_d(\d+)", size)
    if op == "attention_single" and a:
        return 4 * int(a.group(1)) * int(a.group(2))
    if op == "attention_multi" and a:
        n, d = int(a.group(1)), int(a.group(2))
        return 4 * n * n * d
    return None  # softmax and others: time only


def size_key(size):
    return [int(x) for x in re.findall(r"\d+", size)] or [0]


def load(paths, time_field):
    """-> (context of the first file, {(op, type, size): {impl: ns}})"""
    context = {}
    cases = OrderedDict()
    owner = {}
    for path in paths:
        with open(path) as f:
            text = f.read()
        if not text.strip():  # a program whose benchmarks the filter left out writes nothing
            continue
        data = json.loads(text)
        # The context of the first file that measured the clock (versus_eigen does).
        file_context = data.get("context", {})
        if not context or ("cpu_ghz_measured" in file_context and "cpu_ghz_measured" not in context):
            context = file_context
        program = data.get("context", {}).get("executable", path).rsplit("/", 1)[-1]
        singles = {}
        medians = {}
        for b in data.get("benchmarks", []):
            name = b.get("run_name", b["name"])
            parts = name.split("/")
            if len(parts) != 4 or parts[-1] not in IMPLS:
                continue
            key = tuple(parts[:3])
            if owner.setdefault(key, program) != program:
                # The same case measured by another program: keep both, labelled.
                key = ("%s [%s]" % (parts[0], program), parts[1], parts[2])
            scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
            value = b[time_field] * scale
            if b.get("run_type") == "aggregate":
                if b.get("aggregate_name") == "median":
                    medians.setdefault(key, {})[parts[-1]] = value
            else:
                singles.setdefault(key, {}).setdefault(parts[-1], []).append(value)
        for key, impls in singles.items():
            row = cases.setdefault(key, {})
            for impl, values in impls.items():
                values = sorted(values)
                row[impl] = values[len(values) // 2]
        for key, impls in medians.items():
            cases.setdefault(key, {}).update(impls)
    return context, cases


def peak_gflops(context, type_name):
    ghz = float(context.get("cpu_ghz_measured", 0) or 0)
    per_cycle = float(context.get("peak_flop_per_cycle_" + type_name, 0) or 0)
    return ghz * per_cycle if ghz and per_cycle else None


def fmt_time(ns):
    if ns is None:
        return "-"
    if ns >= 1e4:
        return "%.1f us" % (ns / 1e3)
    if ns >= 100:
        return "%.0f ns" % ns
    if ns >= 10:
        return "%.1f ns" % ns
    return "%.2f ns" % ns


def geomean(values):
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def table(context, cases, fast_cases):
    lines = []
    header = ["case", "cxla", "Eigen", "naive", "cxla/Eigen"]
    if fast_cases:
        header.append("cxla/Eigen (fp-contract=fast)")
    header += ["cxla GFLOP/s", "Eigen GFLOP/s", "cxla % peak", "Eigen % peak"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    ratios, fast_ratios, small = [], [], []
    # Cases also measured by another program ("op [program]") go last and stay out of the summary.
    order = sorted(cases, key=lambda k: ("[" in k[0], k[0], k[1], size_key(k[2])))
    for key in order:
        row = cases[key]
        op, type_name, size = key
        cx, ei, nv = row.get("cxla"), row.get("eigen"), row.get("naive")
        ratio = cx / ei if cx and ei else None
        if ratio and "[" not in op:
            ratios.append(ratio)
            if op in ("matvec", "matmul") and 4 <= size_key(size)[0] <= 16:
                small.append(ratio)
        cells = ["%s %s %s" % (op, type_name, size), fmt_time(cx), fmt_time(ei), fmt_time(nv),
                 ("**%.2f**" % ratio if ratio and ratio > 1.0 else "%.2f" % ratio) if ratio else "-"]
        if fast_cases:
            frow = fast_cases.get(key, {})
            fr = frow["cxla"] / frow["eigen"] if frow.get("cxla") and frow.get("eigen") else None
            if fr and "[" not in op:
                fast_ratios.append(fr)
            cells.append("%.2f" % fr if fr else "-")
        f = flops(op, size)
        peak = peak_gflops(context, type_name)
        for impl_ns in (cx, ei):
            cells.append("%.1f" % (f / impl_ns) if f and impl_ns else "-")
        for impl_ns in (cx, ei):
            cells.append("%.0f%%" % (100 * f / impl_ns / peak) if f and impl_ns and peak else "-")
        lines.append("| " + " | ".join(cells) + " |")
    summary = []
    g = geomean(ratios)
    if g:
        summary.append("geometric mean of cxla/Eigen over %d cases: %.2f" % (len(ratios), g))
    by_op = OrderedDict()
    for key in order:
        row = cases[key]
        if "[" not in key[0] and row.get("cxla") and row.get("eigen"):
            by_op.setdefault(key[0], []).append(row["cxla"] / row["eigen"])
    if len(by_op) > 1:
        summary.append("geometric mean per operation: " +
                       ", ".join("%s %.2f" % (op, geomean(r)) for op, r in by_op.items()))
    gs = geomean(small)
    if gs:
        summary.append("geometric mean over X*w and A*B at sizes 4..16: %.2f (Eigen/cxla %.2fx)" % (gs, 1 / gs))
    gf = geomean(fast_ratios)
    if gf:
        summary.append("with -ffp-contract=fast: geometric mean %.2f" % gf)
    slower = [("%s %s %s" % k, cases[k]["cxla"] / cases[k]["eigen"]) for k in order
              if "[" not in k[0] and cases[k].get("cxla") and cases[k].get("eigen")
              and cases[k]["cxla"] > cases[k]["eigen"]]
    if slower:
        summary.append("cxla slower than Eigen in: " + ", ".join("%s (%.2f)" % s for s in slower))
    else:
        summary.append("cxla is at least as fast as Eigen in every case")
    return lines, summary


def plot(context, cases, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("compare.py: matplotlib is not installed (python3-matplotlib); no plot", file=sys.stderr)
        return False
    groups = OrderedDict()
    rank = {"matvec": 0, "matmul": 1, "attention_single": 2, "attention_multi": 3}
    for key in sorted(cases, key=lambda k: (rank.get(k[0], 9), k[0], k[1] != "float", size_key(k[2]))):
        if flops(key[0], key[2]) and "[" not in key[0]:
            groups.setdefault((key[0], key[1]), []).append(key)
    if not groups:
        return False
    cols = 2
    rows = (len(groups) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(11, 3.6 * rows), squeeze=False)
    styles = {"cxla": ("C0", "o", "cxla"), "eigen": ("C1", "s", "Eigen (fixed-size)"), "naive": ("C7", "^", "naive loop")}
    for ax, ((op, type_name), keys) in zip(axes.flat, groups.items()):
        labels = [k[2] for k in keys]
        for impl, (color, marker, label) in styles.items():
            values = [flops(op, k[2]) / cases[k][impl] if cases[k].get(impl) else float("nan") for k in keys]
            ax.plot(range(len(keys)), values, marker=marker, color=color, label=label)
        peak = peak_gflops(context, type_name)
        if peak:
            ax.axhline(peak, color="k", linestyle=":", linewidth=1)
            ax.text(len(keys) - 1, peak * 0.97, "peak %.0f" % peak, va="top", ha="right", fontsize=8)
        ax.set_xticks(range(len(keys)))
        ax.set_xticklabels(labels)
        titles = {"matvec": "X * w", "matmul": "A * B", "attention_single": "attention(q, K, V), (n, d)",
                  "attention_multi": "attention(Q, K, V), m = n, (n, d)"}
        ax.set_title("%s, %s" % (titles.get(op, op), type_name))
        ax.set_ylabel("GFLOP/s")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
    for ax in list(axes.flat)[len(groups):]:
        ax.axis("off")
    axes.flat[0].legend(loc="upper left", fontsize=8)
    compiler = context.get("compiler", "")
    fig.suptitle("cxla vs Eigen vs naive loop, median over repetitions (%s, %s GHz, -ffp-contract=%s)"
                 % (compiler.split(" (")[0], context.get("cpu_ghz_measured", "?"), context.get("fp_contract", "?")),
                 fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=110)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="+", help="Google Benchmark JSON files (project flags)")
    parser.add_argument("--fast", nargs="*", default=[], help="the same programs built with -ffp-contract=fast")
    parser.add_argument("--markdown", help="write the table here (default: stdout only)")
    parser.add_argument("--plot", help="write the PNG plot here")
    parser.add_argument("--time", choices=("cpu", "real"), default="cpu",
                        help="cpu_time (default: robust on a shared machine) or real_time")
    args = parser.parse_args()
    field = args.time + "_time"
    context, cases = load(args.runs, field)
    fast_cases = load(args.fast, field)[1] if args.fast else {}
    if not cases:
        sys.exit("compare.py: no op/type/size/implementation benchmarks in " + ", ".join(args.runs))
    lines, summary = table(context, cases, fast_cases)
    peak_note = ""
    if context.get("cpu_ghz_measured"):
        peak_note = ("Peak: %s GHz measured x 32 FLOP/cycle (float) or 16 (double), two 256-bit FMA units."
                     % context["cpu_ghz_measured"])
    text = "\n".join(lines) + "\n\n" + "\n".join("- " + s for s in summary) + "\n"
    if peak_note:
        text += "\n" + peak_note + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    if args.plot and plot(context, cases, args.plot):
        print("compare.py: plot written to " + args.plot)


if __name__ == "__main__":
    main()
