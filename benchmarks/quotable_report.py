#!/usr/bin/env python3
"""The report of benchmarks/quotable.sh: reads the JMH JSON (and the optional memory and loopback tables) in a
results directory and prints Markdown: the same-run ratios issue 12 asks for, each with its error and a verdict
against the target, then the scores they come from and the fairness check.

Errors: JMH's score error is the half-width of the 99.9 % confidence interval (Student's t over every measured
iteration of every fork). A ratio's error adds the two relative errors in quadrature,
err(a/b) = a/b * sqrt((err_a/a)^2 + (err_b/b)^2), which treats numerator and denominator as independent (they are
separate trials in separate JVMs) and is a first-order approximation, fine while the relative errors are small.

Usage: quotable_report.py RESULTS_DIR
"""
import json
import math
import os
import re
import sys

RECORD = "io.reactls.benchmarks.EngineTransferBenchmark.transfer"
HANDSHAKE = "io.reactls.benchmarks.HandshakeBenchmark.handshake"
LABEL = {"reactls": "reactls", "reactls-native": "reactls + ACCP", "jdk": "JDK SSLEngine",
         "boringssl": "BoringSSL (Netty)"}
KIND = {"TLS13_X25519": "TLS 1.3 x25519, ECDSA P-256", "TLS12_ECDHE_RSA": "TLS 1.2 ECDHE-RSA (x25519, RSA 2048)"}

# (numerator, denominator, {jdk: target}); a JDK missing from the dict: the ratio is shown without a target.
RECORD_RATIOS = [
    ("reactls", "boringssl", {"25": 1.25}),
    ("reactls-native", "boringssl", {"17": 1.25}),
    ("reactls", "jdk", {"17": 1.5}),
]
HANDSHAKE_RATIOS = [
    ("reactls", "jdk", {"17": 2.0, "25": 2.0}),
    ("reactls-native", "boringssl", {"17": 0.5, "25": 0.5}),
    ("reactls", "boringssl", {}),
]


def number(v):
    try:
        f = float(v)
    except (TypeError, ValueError):
        return float("nan")
    return f


def load(directory, name, jdk):
    path = os.path.join(directory, "%s-jdk%s.json" % (name, jdk))
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    with open(path) as f:
        return json.load(f)


class Score:
    def __init__(self, entry):
        pm = entry["primaryMetric"]
        self.score = number(pm["score"])
        self.error = number(pm.get("scoreError"))
        self.unit = pm.get("scoreUnit", "")
        self.samples = sum(len(fork) for fork in pm.get("rawData", []))
        self.forks = entry.get("forks", 0)
        gc = entry.get("secondaryMetrics", {}).get("\u00b7gc.alloc.rate.norm") \
            or entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        self.alloc = number(gc["score"]) if gc else float("nan")
        self.alloc_error = number(gc.get("scoreError")) if gc else float("nan")

    def text(self, digits=0):
        err = "± ?" if math.isnan(self.error) else "± " + fmt(self.error, digits)
        return "%s %s" % (fmt(self.score, digits), err)


def fmt(v, digits=0):
    if math.isnan(v):
        return "?"
    return ("{:,.%df}" % digits).format(v)


def ratio(a, b):
    r = a.score / b.score
    if math.isnan(a.error) or math.isnan(b.error):
        return r, float("nan")
    return r, r * math.sqrt((a.error / a.score) ** 2 + (b.error / b.score) ** 2)


def verdict(r, e, target):
    if target is None:
        return "", ""
    t = "≥ %s×" % ("%.2f" % target).rstrip("0").rstrip(".")
    if math.isnan(e):
        return t, ("PASS" if r >= target else "FAIL") + " (no error: too few iterations)"
    if r - e >= target:
        return t, "**PASS**"
    if r >= target:
        return t, "PASS within error"
    if r + e >= target:
        return t, "FAIL within error"
    return t, "**FAIL**"


def read_run(directory):
    info = {}
    path = os.path.join(directory, "run.txt")
    if os.path.exists(path):
        for line in open(path):
            if ":" in line:
                k, v = line.split(":", 1)
                info[k.strip()] = v.strip()
    return info


def jdks_in(directory):
    found = set()
    for f in os.listdir(directory):
        m = re.match(r".*-jdk(\d+)\.(json|md)$", f)
        if m:
            found.add(m.group(1))
    return sorted(found, key=int)


def records_by_key(directory, jdk):
    scores = {}
    for name in ("records-heap", "records-direct"):
        for e in load(directory, name, jdk):
            if e["benchmark"] != RECORD:
                continue
            p = e["params"]
            scores[(p["size"], p["buffer"], p["stack"])] = Score(e)
    return scores


def handshakes_by_key(directory, jdk):
    scores = {}
    for e in load(directory, "handshakes", jdk):
        if e["benchmark"] != HANDSHAKE:
            continue
        p = e["params"]
        scores[(p["kind"], p["stack"])] = Score(e)
    return scores


def main(directory):
    info = read_run(directory)
    jdks = jdks_in(directory)
    out = []
    out.append("## The run: %s" % info.get("date", "?"))
    out.append("")
    out.append("- Command: `%s` (commit %s)" % (info.get("command", "benchmarks/quotable.sh"), info.get("commit", "?")))
    out.append("- Machine: %s; load average %s at the start, %s at the end" % (
        info.get("cpu", "?"), info.get("load_start", "?"), info.get("load_end", "?")))
    for jdk in jdks:
        if "jdk" + jdk in info:
            out.append("- JDK %s: %s" % (jdk, info["jdk" + jdk]))
    out.append("- JMH: %s; score = mean ± half-width of the 99.9 %% confidence interval" % info.get("settings", "?"))
    out.append("- Ratio error: the relative errors of numerator and denominator added in quadrature (independent "
               "trials, first-order). Verdict: **PASS** when ratio − error ≥ target, *within error* when the target "
               "lies inside ratio ± error, **FAIL** when ratio + error < target.")
    out.append("")

    # Ratios against the targets.
    out.append("### Ratios against the targets of issue 12 (same run, same JDK)")
    out.append("")
    out.append("| JDK | operation | workload | buffers | ratio | value | target | verdict |")
    out.append("|---|---|---|---|---|---|---|---|")
    missing = []
    for jdk in jdks:
        rec = records_by_key(directory, jdk)
        sizes = sorted({k[0] for k in rec}, key=int)
        for num, den, targets in RECORD_RATIOS:
            for size in sizes:
                for buf in ("heap", "direct"):
                    a, b = rec.get((size, buf, num)), rec.get((size, buf, den))
                    if a is None or b is None:
                        if buf == "heap" or den != "jdk":
                            missing.append("JDK %s records %s B %s: %s / %s" % (jdk, size, buf, num, den))
                        continue
                    r, e = ratio(a, b)
                    t, v = verdict(r, e, targets.get(jdk))
                    out.append("| %s | records | TLS 1.3 AES-128-GCM, %s B | %s | %s / %s | %.2f ± %s | %s | %s |" % (
                        jdk, fmt(int(size)), buf, LABEL[num], LABEL[den], r, "?" if math.isnan(e) else "%.2f" % e,
                        t, v))
        hs = handshakes_by_key(directory, jdk)
        kinds = sorted({k[0] for k in hs}, reverse=True)
        for num, den, targets in HANDSHAKE_RATIOS:
            for kind in kinds:
                a, b = hs.get((kind, num)), hs.get((kind, den))
                if a is None or b is None:
                    missing.append("JDK %s handshake %s: %s / %s" % (jdk, kind, num, den))
                    continue
                r, e = ratio(a, b)
                t, v = verdict(r, e, targets.get(jdk))
                out.append("| %s | full handshake | %s | | %s / %s | %.2f ± %s | %s | %s |" % (
                    jdk, KIND.get(kind, kind), LABEL[num], LABEL[den], r, "?" if math.isnan(e) else "%.2f" % e, t, v))
    out.append("")
    if missing:
        out.append("Not measured (a trial missing from the JSON: the stack was skipped or failed; see the JMH logs):")
        out.append("")
        for m in missing:
            out.append("- " + m)
        out.append("")

    # The scores behind them.
    out.append("### Records: one message sealed by the client and opened by the server")
    out.append("")
    out.append("| JDK | size B | buffers | stack | MB/s | ops/s | allocated B/op |")
    out.append("|---|---|---|---|---|---|---|")
    for jdk in jdks:
        rec = records_by_key(directory, jdk)
        for (size, buf, stack) in sorted(rec, key=lambda k: (int(k[0]), k[1] != "heap", list(LABEL).index(k[2])
                                                             if k[2] in LABEL else 9)):
            s = rec[(size, buf, stack)]
            out.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                jdk, fmt(int(size)), buf, LABEL.get(stack, stack), fmt(s.score * int(size) / 1e6), s.text(),
                fmt(s.alloc)))
    out.append("")
    out.append("### Full handshakes: a new client and server, chain and host name verified, one ticket")
    out.append("")
    out.append("| JDK | handshake | stack | handshakes/s |")
    out.append("|---|---|---|---|")
    for jdk in jdks:
        hs = handshakes_by_key(directory, jdk)
        for (kind, stack) in sorted(hs, key=lambda k: (k[0] != "TLS13_X25519", list(LABEL).index(k[1])
                                                        if k[1] in LABEL else 9)):
            out.append("| %s | %s | %s | %s |" % (jdk, KIND.get(kind, kind), LABEL.get(stack, stack),
                                                  hs[(kind, stack)].text(1)))
    out.append("")

    memory_and_loopback(directory, jdks, out)

    out.append("### Work per operation (WorkPerOp, before the measurements)")
    out.append("")
    for jdk in jdks:
        path = os.path.join(directory, "work-per-op-jdk%s.md" % jdk)
        if os.path.exists(path):
            lines = [l.rstrip("\n") for l in open(path)]
            out.append("JDK %s:" % jdk)
            out.append("")
            out.extend(l for l in lines if l.startswith(("|", "FAIR", "NOT FAIR", "UNEQUAL", "KNOWN", "EXPECTED")))
            out.append("")
    print("\n".join(out))


def table_rows(path):
    rows = []
    if os.path.exists(path):
        for line in open(path):
            if line.startswith("|") and not line.startswith(("|---", "| server ", "| stack ")):
                rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


def first_int(text):
    m = re.search(r"[\d,]+", text)
    return int(m.group(0).replace(",", "")) if m else None


def section(path, title, out):
    """The file's text lines, then its Markdown table after a blank line (so that it renders)."""
    lines = [l.rstrip("\n") for l in open(path)]
    out.append(title)
    out.append("")
    out.extend(l for l in lines if "load average" in l or l.startswith("quotable:"))
    out.append("")
    out.extend(l for l in lines if l.startswith("|"))


def memory_and_loopback(directory, jdks, out):
    for jdk in jdks:
        mem = os.path.join(directory, "memory-jdk%s.md" % jdk)
        if os.path.exists(mem):
            section(mem, "### Memory: idle TLS 1.3 connections per server, heap after full GC (JDK %s)" % jdk, out)
            rows = {r[0]: r for r in table_rows(mem)}
            ours, ref = rows.get("reactls"), rows.get("JDK SSLEngine")
            if ours and ref:
                heap, ref_heap = first_int(ours[1]), first_int(ref[1])
                hwm, ref_hwm = first_int(ours[4]), first_int(ref[4])
                out.append("")
                out.append("- heap per idle connection %s B: target ≤ 8,192 B and below reactor-netty + JDK (%s B): %s"
                           % (fmt(heap), fmt(ref_heap), "**PASS**" if heap <= 8192 and heap < ref_heap else "**FAIL**"))
                out.append("- peak RSS %s MB: target ≤ reactor-netty + JDK (%s MB): %s"
                           % (fmt(hwm), fmt(ref_hwm), "**PASS**" if hwm <= ref_hwm else "**FAIL**"))
            out.append("")
        loop = os.path.join(directory, "loopback-jdk%s.md" % jdk)
        if os.path.exists(loop):
            section(loop, "### Loopback: bulk TLS 1.3 through reactor-netty, 16 KiB writes (JDK %s)" % jdk, out)
            rows = {r[0]: r for r in table_rows(loop)}
            ours, ref = rows.get("reactls"), rows.get("Netty OpenSSL (BoringSSL)")
            if ours and ref:
                m, ref_m = number(ours[2]), number(ref[2])
                out.append("")
                out.append("- reactls median %.0f MB/s each way: target ≥ Netty OpenSSL (%.0f MB/s): %s (medians of "
                           "the runs, no confidence interval)" % (m, ref_m, "**PASS**" if m >= ref_m else "**FAIL**"))
            out.append("")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
