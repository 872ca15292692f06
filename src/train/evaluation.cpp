#include "train/evaluation.hpp"

#include <cstdio>

namespace mirgene::train {

Evaluation evaluate_model(const nn::Network& net, const EncodedSet& positives,
                          const EncodedSet& negatives, double threshold, int threads) {
  const LabelledSet labelled = label_sets(positives, negatives);
  Evaluation e;
  e.ids.reserve(labelled.tokens.size());
  e.ids.insert(e.ids.end(), positives.ids.begin(), positives.ids.end());
  e.ids.insert(e.ids.end(), negatives.ids.begin(), negatives.ids.end());
  e.is_positive = labelled.is_positive;
  e.scores = nn::predict(net, labelled.tokens, threads);
  e.metrics = eval::compute_metrics(e.scores, e.is_positive, threshold);
  return e;
}

std::string format_scores_tsv(const Evaluation& e) {
  std::string out = "id\tclass\tscore\n";
  char score[32];
  for (std::size_t i = 0; i < e.ids.size(); ++i) {
    std::snprintf(score, sizeof score, "%.6f", e.scores[i]);
    out += e.ids[i];
    out += e.is_positive[i] ? "\tpre-miRNA\t" : "\tother\t";
    out += score;
    out += '\n';
  }
  return out;
}

std::string format_evaluation(const eval::Metrics& m, const eval::LengthReport& strata,
                              const eval::MetricIntervals* intervals) {
  std::string out = eval::format_table(std::span(&m, 1));
  char text[256];
  std::snprintf(text, sizeof text,
                "\nconfusion matrix (threshold %g)   called pre-miRNA   called other\n"
                "  pre-miRNA (%zu)  %18ld  %13ld\n"
                "  other (%zu)      %18ld  %13ld\n",
                m.threshold, m.n_pos, m.cm.tp, m.cm.fn, m.n_neg, m.cm.fp, m.cm.tn);
  out += text;
  std::snprintf(text, sizeof text, "\nKS test, pre-miRNA vs other scores: D = %.4f, p = %.3g\n",
                m.ks_statistic, m.ks_pvalue);
  out += text;
  if (intervals) {
    std::snprintf(text, sizeof text, "\n95%% intervals (%d stratified bootstrap replicates)\n",
                  intervals->replicates);
    out += text;
    const std::pair<const char*, eval::Interval> rows[] = {
        {"SE", intervals->se},     {"SP", intervals->sp},       {"PPV", intervals->ppv},
        {"F1", intervals->f1},     {"G-mean", intervals->gmean}, {"MCC", intervals->mcc},
        {"AUROC", intervals->auroc}, {"AUPR", intervals->aupr}};
    for (const auto& [name, i] : rows) {
      std::snprintf(text, sizeof text, "  %-6s %.4f - %.4f\n", name, i.low, i.high);
      out += text;
    }
  }
  out += "\nwithin length strata (the shortcut check)\n";
  out += eval::format_length_report(strata);
  return out;
}

}  // namespace mirgene::train
