"""Reference values for tests/metrics/reference_test.cpp, computed by scikit-learn and scipy.

Prints one JSON document on stdout: seeded score vectors (float32 values, many ties, some
1:9 imbalanced) with sklearn's and scipy's metrics for each, plus a grid of scipy's
Kolmogorov (kstwo.sf) and Smirnov (special.smirnov) tail probabilities covering every method
region. If sklearn or scipy cannot be imported it prints {"error": ...} and exits with 2, so
the C++ test fails with that message.
"""
import json
import sys

try:
    import numpy as np
    import scipy
    import scipy.special
    import scipy.stats
    import sklearn
    from sklearn import metrics as skm
except ImportError as err:  # the test must fail loudly, not skip
    print(json.dumps({"error": f"{sys.executable} cannot import numpy/scipy/scikit-learn: {err}"}))
    sys.exit(2)


def rounded(values, decimals):
    """Probability-like float32 scores rounded to `decimals`, so that many scores tie."""
    return np.round(np.clip(values, 0.0, 1.0), decimals).astype(np.float32)


def make_cases():
    cases = []

    def add(name, pos, neg, threshold=0.5, shuffle_seed=0):
        scores = np.concatenate([pos, neg]).astype(np.float32)
        labels = np.concatenate([np.ones(len(pos), int), np.zeros(len(neg), int)])
        order = np.random.default_rng(shuffle_seed).permutation(len(scores))
        cases.append((name, scores[order], labels[order], threshold))

    rng = np.random.default_rng(1)
    add("normal_2dp_imbalanced_1to9",
        rounded(rng.normal(0.6, 0.2, 30), 2), rounded(rng.normal(0.4, 0.2, 270), 2))
    rng = np.random.default_rng(2)
    add("uniform_1dp_balanced",
        rounded(rng.uniform(size=250) ** 0.8, 1), rounded(rng.uniform(size=250), 1), 0.3, 1)
    rng = np.random.default_rng(3)
    add("beta_3dp_separated_1to9",
        rounded(rng.beta(4, 2.5, 400), 3), rounded(rng.beta(2.5, 4, 3600), 3), 0.5, 2)
    rng = np.random.default_rng(4)
    add("small_2dp", rounded(rng.normal(0.55, 0.2, 25), 2), rounded(rng.normal(0.45, 0.2, 60), 2),
        0.5, 3)
    rng = np.random.default_rng(5)
    add("weak_2dp_imbalanced_1to9",
        rounded(rng.normal(0.51, 0.2, 600), 2), rounded(rng.normal(0.5, 0.2, 5400), 2), 0.5, 4)
    rng = np.random.default_rng(6)
    add("human_like_2dp_1to9",
        rounded(rng.beta(2.5, 1.5, 1000), 2), rounded(rng.beta(1.5, 2.5, 9000), 2), 0.5, 5)
    rng = np.random.default_rng(7)
    add("coarse_ties_imbalanced_1to9",
        rounded(rng.uniform(0.2, 1.0, 50), 1), rounded(rng.uniform(0.0, 0.8, 450), 1), 0.5, 6)
    return cases


def case_json(name, scores, labels, threshold):
    predicted = (scores.astype(np.float64) >= threshold).astype(int)
    tn, fp, fn, tp = skm.confusion_matrix(labels, predicted, labels=[0, 1]).ravel()
    ks = scipy.stats.ks_2samp(scores[labels == 1], scores[labels == 0], method="asymp")
    return {
        "name": name,
        "threshold": threshold,
        "scores": [float(s) for s in scores],
        "labels": [int(y) for y in labels],
        "tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn),
        "se": skm.recall_score(labels, predicted),
        "sp": skm.recall_score(labels, predicted, pos_label=0),
        "ppv": skm.precision_score(labels, predicted),
        "f1": skm.f1_score(labels, predicted),
        "mcc": skm.matthews_corrcoef(labels, predicted),
        "accuracy": skm.accuracy_score(labels, predicted),
        "auroc": skm.roc_auc_score(labels, scores),
        "aupr": skm.average_precision_score(labels, scores),
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
    }


def tail_grid():
    """(n, x) points in every region of scipy's kstwo method choice."""
    kolmogorov, smirnov = [], []
    n_x_squared = [0.02, 0.1, 0.3, 0.6, 0.75, 0.9, 1.2, 1.6, 2.0, 2.19, 2.21, 3, 4, 4.5, 8, 20,
                   60, 120, 250, 360]

    def edges(n):  # the closed-form regions near nx = 1/2, 1, n - 1 and x = 1/2
        return {0.3 / n, 0.7 / n, 0.99 / n, 1.5 / n, (n - 1.2) / n, (n - 0.5) / n, 0.45, 0.5,
                0.62, 0.9}

    points = []
    for n in [1, 2, 3, 5, 10, 17, 50, 140, 141, 300, 1000, 5000, 20000]:
        points += [(n, x) for x in {float(np.sqrt(v / n)) for v in n_x_squared} | edges(n)]
    for n, x in sorted(points):
        if 0.0 < x < 1.0:
            kolmogorov.append({"n": n, "x": x, "sf": float(scipy.stats.kstwo.sf(x, n))})
            smirnov.append({"n": n, "x": x, "sf": float(scipy.special.smirnov(n, x))})
    # Sizes near and beyond n = 100000, where the method choice changes again (Durbin matrix vs
    # Pelz-Good); scipy's smirnov takes about a second here, so only the points below its region.
    for n in [99000, 150000]:
        for v in [0.02, 0.3, 1.2, 2.19]:
            x = float(np.sqrt(v / n))
            kolmogorov.append({"n": n, "x": x, "sf": float(scipy.stats.kstwo.sf(x, n))})
    return kolmogorov, smirnov


def main():
    kolmogorov, smirnov = tail_grid()
    print(json.dumps({
        "versions": {"scipy": scipy.__version__, "sklearn": sklearn.__version__},
        "cases": [case_json(*c) for c in make_cases()],
        "kolmogorov_sf": kolmogorov,
        "smirnov_sf": smirnov,
    }))


if __name__ == "__main__":
    main()
