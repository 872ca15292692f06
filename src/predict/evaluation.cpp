#include "predict/evaluation.hpp"

#include <cstdio>

#include "encode/encoding.hpp"
#include "predict/member_average.hpp"

namespace mirgene::predict {

Evaluation evaluate_model(std::span<const nn::Network> members, const train::EncodedSet& positives,
                          const train::EncodedSet& negatives, double threshold, int threads) {
  const train::LabelledSet labelled = train::label_sets(positives, negatives);
  Evaluation e;
  e.ids.reserve(labelled.tokens.size());
  e.ids.insert(e.ids.end(), positives.ids.begin(), positives.ids.end());
  e.ids.insert(e.ids.end(), negatives.ids.begin(), negatives.ids.end());
  e.is_positive = labelled.is_positive;
  e.scores = mean_probabilities(members, labelled.tokens, threads);
  e.metrics = metrics::compute_metrics(e.scores, e.is_positive, threshold);
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

std::string format_evaluation(const metrics::Metrics& m, const metrics::LengthReport& strata,
                              const metrics::MetricIntervals* intervals,
                              const metrics::GcReport* gc) {
  std::string out = metrics::format_table(std::span(&m, 1));
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
    const std::pair<const char*, metrics::Interval> rows[] = {
        {"SE", intervals->se},       {"SP", intervals->sp},        {"PPV", intervals->ppv},
        {"F1", intervals->f1},       {"G-mean", intervals->gmean}, {"MCC", intervals->mcc},
        {"AUROC", intervals->auroc}, {"AUPR", intervals->aupr}};
    for (const auto& [name, i] : rows) {
      std::snprintf(text, sizeof text, "  %-6s %.4f - %.4f\n", name, i.low, i.high);
      out += text;
    }
  }
  out += "\nwithin length strata (the shortcut check)\n";
  out += metrics::format_length_report(strata);
  if (gc) {
    out += "\nwithin GC strata (the same check for G+C content)\n";
    out += metrics::format_gc_report(*gc);
  }
  return out;
}

namespace {

std::vector<int> item_lengths(const train::EncodedSet& pos, const train::EncodedSet& neg) {
  std::vector<int> lengths;
  for (const train::EncodedSet* set : {&pos, &neg})
    for (const auto& tokens : set->tokens) lengths.push_back(static_cast<int>(tokens.size()));
  return lengths;
}

// G and C among the known bases of each item (base token / 4 is the nucleotide, A C G U = 0-3;
// unknown-nucleotide tokens count in the length only).
std::vector<double> item_gc(const train::EncodedSet& pos, const train::EncodedSet& neg) {
  std::vector<double> gc;
  for (const train::EncodedSet* set : {&pos, &neg}) {
    for (const auto& tokens : set->tokens) {
      std::size_t strong = 0;
      for (const std::uint8_t t : tokens) {
        const int base = encode::base_token(t);
        const int nucleotide = base < encode::kUnknownToken ? base / encode::kStructureCodes : -1;
        strong += nucleotide == 1 || nucleotide == 2;
      }
      gc.push_back(tokens.empty() ? 0.0 : static_cast<double>(strong) / tokens.size());
    }
  }
  return gc;
}

nlohmann::ordered_json set_json(const train::EncodedSet& set) {
  return {{"file", set.source}, {"records", set.ids.size()}, {"skipped", set.skipped.size()}};
}

}  // namespace

EvaluationReport evaluate_sets(std::span<const nn::Network> members,
                               const train::EncodedSet& positives,
                               const train::EncodedSet& negatives,
                               const EvaluationSettings& settings) {
  EvaluationReport r;
  r.evaluation =
      evaluate_model(members, positives, negatives, settings.threshold, settings.threads);
  const Evaluation& e = r.evaluation;
  r.strata = metrics::length_report(e.scores, e.is_positive, item_lengths(positives, negatives),
                                    settings.threshold, settings.length_cuts);
  r.gc_strata = metrics::gc_report(e.scores, e.is_positive, item_gc(positives, negatives),
                                   settings.threshold, settings.gc_cuts);
  if (settings.bootstrap > 0)
    r.intervals = metrics::bootstrap_intervals(e.scores, e.is_positive, settings.threshold,
                                               settings.bootstrap, settings.bootstrap_seed);
  return r;
}

nlohmann::ordered_json evaluation_json(const EvaluationReport& r, const std::string& model_path,
                                       const train::EncodedSet& positives,
                                       const train::EncodedSet& negatives) {
  nlohmann::ordered_json doc = {
      {"model", model_path},
      {"positives", set_json(positives)},
      {"negatives", set_json(negatives)},
      {"metrics", nlohmann::ordered_json(metrics::to_json(r.evaluation.metrics))},
      {"length_strata", metrics::to_json(r.strata)},
      {"gc_strata", metrics::to_json(r.gc_strata)}};
  if (r.intervals) doc["bootstrap_95"] = metrics::to_json(*r.intervals);
  return doc;
}

}  // namespace mirgene::predict
