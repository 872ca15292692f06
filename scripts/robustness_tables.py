#!/usr/bin/env python3
"""Prints the Markdown tables of docs/robustness.md from docs/results/robustness/*.json
(written by scripts/robustness.sh). Usage: python3 scripts/robustness_tables.py [DIR]"""
import glob
import json
import os
import statistics
import sys

DIR = sys.argv[1] if len(sys.argv) > 1 else "docs/results/robustness"
# The deepMiRGene paper's test figures (data/paper/deepmirgene-nips2017.json, Tables 2-3).
PAPER = {"human": {"f1": 0.868, "auroc": 0.981, "aupr": 0.927},
         "cross": {"f1": 0.906, "auroc": 0.984, "aupr": 0.955},
         "new": {"f1": 0.782, "auroc": 0.981, "aupr": 0.808}}
TEST_NAME = {"human": "human test", "cross": "cross-species test", "new": "new set"}


def load(name):
    with open(os.path.join(DIR, name)) as f:
        return json.load(f)


def mean_sd(values):
    if len(values) == 1:
        return "%.3f" % values[0]
    return "%.3f ± %.3f" % (statistics.mean(values), statistics.stdev(values))


def seeds_of(prefix):
    files = sorted(glob.glob(os.path.join(DIR, prefix + "-seed*.json")))
    return [json.load(open(f)) for f in files]


def extra_size(cv_json_path):
    with open(cv_json_path) as f:
        first = json.load(f)["by_epoch"][0]
    return first["extra"]["mean"]["n_neg"] if "extra" in first else None


def cv_table():
    print("| training choice | compared with | validation AUROC | validation AUPR | "
          "decoys AUROC | decoys SP (t = 0.5) |")
    print("|---|---|---|---|---|---|")
    for f in sorted(glob.glob(os.path.join(DIR, "compare-*.json"))):
        doc = json.load(open(f))
        run = os.path.basename(doc["run"]).removeprefix("cv-").removesuffix(".json")
        other = os.path.basename(doc["other"]).removeprefix("cv-").removesuffix(".json")
        cells = []
        # Decoy columns only where both runs were scored against the same decoys.
        same_decoys = extra_size(doc["run"]) == extra_size(doc["other"])
        for metric in ("validation.auroc", "validation.aupr", "extra.auroc", "extra.sp"):
            if metric.startswith("extra") and not same_decoys:
                cells.append("other decoys")
                continue
            d = doc["differences"][metric]
            n = len(d["per_fold"])
            cells.append("%+.3f ± %.3f (%d/%d)" % (d["mean"], d["sd"], d["ahead"], n))
        print("| %s (epoch %d) | %s (epoch %d) | %s |" % (run, doc["epoch"], other,
                                                          doc["other_epoch"], " | ".join(cells)))


def test_table():
    print("| test set | metric | mirgene, decoys (mean ± sd, 3 seeds) | seed 1 [95 % interval] "
          "| paper | before (shipped model) |")
    print("|---|---|---|---|---|---|")
    for target in ("human", "cross", "new"):
        runs = seeds_of("test-" + target)
        if not runs:
            continue
        before = os.path.join(DIR, "before-test-%s.json" % target)
        old = json.load(open(before))["metrics"] if os.path.exists(before) else None
        for metric, label in (("f1", "F (t = 0.5)"), ("auroc", "AUROC"), ("aupr", "AUPR"),
                              ("se", "SE"), ("sp", "SP")):
            values = [r["metrics"][metric] for r in runs]
            low, high = runs[0]["bootstrap_95"][metric]
            paper = PAPER[target].get(metric)
            print("| %s | %s | %s | %.3f [%.3f, %.3f] | %s | %s |" % (
                TEST_NAME[target], label, mean_sd(values), values[0], low, high,
                "%.3f" % paper if paper else "", "%.3f" % old[metric] if old else ""))


def decoy_table():
    print("| models | pre-miRNAs vs held-out decoys | SP on decoys (t = 0.5) | decoys AUROC | "
          "SP on decoys < 80 nt |")
    print("|---|---|---|---|---|")
    for target in ("human", "cross", "new"):
        before = os.path.join(DIR, "before-decoys-%s.json" % target)
        if os.path.exists(before):
            b = json.load(open(before))
            print("| before: shipped %s model | %d vs %d | %.3f | %.3f | %.3f |" % (
                "human" if target == "human" else "default", b["metrics"]["n_pos"],
                b["metrics"]["n_neg"], b["metrics"]["sp"], b["metrics"]["auroc"],
                b["length_strata"]["strata"][0]["metrics"]["sp"]))
        runs = seeds_of("decoys-" + target)
        if runs:
            m = runs[0]["metrics"]
            print("| after: %s, decoys | %d vs %d | %s | %s | %s |" % (
                TEST_NAME[target], m["n_pos"], m["n_neg"],
                mean_sd([r["metrics"]["sp"] for r in runs]),
                mean_sd([r["metrics"]["auroc"] for r in runs]),
                mean_sd([r["length_strata"]["strata"][0]["metrics"]["sp"] for r in runs])))


def ensemble_table():
    """The 3-seed ensembles (the shipped models' recipe) beside their single networks and
    the paper's network's ensembles they replaced (lstm-final/, when present)."""
    print("| test set | model | SE | SP | F1 | AUROC | AUPR | SP on held-out decoys |")
    print("|---|---|---|---|---|---|---|---|")
    metrics = ("se", "sp", "f1", "auroc", "aupr")
    for target in ("human", "cross", "new"):
        runs = seeds_of("test-" + target)
        decoys = seeds_of("decoys-" + target)
        name = "test-%s-ensemble3.json" % target
        if not runs or not os.path.exists(os.path.join(DIR, name)):
            continue
        print("| %s | single networks, seeds 1-3 (mean ± sd) | %s | %s |" % (
            target, " | ".join(mean_sd([r["metrics"][m] for r in runs]) for m in metrics),
            mean_sd([r["metrics"]["sp"] for r in decoys])))
        for label, prefix in (("3-seed ensemble (95 % bootstrap)", ""),
                              ("the paper's network, 3-seed ensemble", "lstm-final/")):
            path = os.path.join(DIR, prefix + name)
            if not os.path.exists(path):
                continue
            ens = load(prefix + name)
            dec = load(prefix + "decoys-%s-ensemble3.json" % target)["metrics"]["sp"]
            cells = []
            for m in metrics:
                low, high = ens["bootstrap_95"][m]
                cells.append("%.3f (%.3f-%.3f)" % (ens["metrics"][m], low, high))
            print("| %s | %s | %s | %.3f |" % (target, label, " | ".join(cells), dec))


def strata_table(target):
    before = os.path.join(DIR, "before-test-%s.json" % target)
    runs = seeds_of("test-" + target)
    if not os.path.exists(before) or not runs:
        return
    b = json.load(open(before))["length_strata"]
    a = runs[0]["length_strata"]
    print("| %s, length | pre-miRNA / other | AUROC before → after | SP before → after | "
          "length-only AUROC |" % TEST_NAME[target])
    print("|---|---|---|---|---|")
    for sb, sa in zip(b["strata"], a["strata"]):
        mb, ma = sb["metrics"], sa["metrics"]
        fmt = lambda v: "NA" if v is None else "%.3f" % v
        print("| %s | %d / %d | %s → %s | %s → %s | %s |" % (
            sb["label"], mb["n_pos"], mb["n_neg"], fmt(mb["auroc"]), fmt(ma["auroc"]),
            fmt(mb["sp"]), fmt(ma["sp"]), fmt(sb["length_only_auroc"])))
    print("| all | | | | %.3f |" % b["length_only"]["auroc"])


if __name__ == "__main__":
    print("### CV comparison\n")
    cv_table()
    print("\n### Test sets\n")
    test_table()
    print("\n### 3-seed ensembles\n")
    ensemble_table()
    print("\n### Held-out decoys\n")
    decoy_table()
    for target in ("human", "new"):
        print("\n### Length strata, %s\n" % TEST_NAME[target])
        strata_table(target)
