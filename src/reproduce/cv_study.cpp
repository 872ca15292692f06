#include "reproduce/cv_study.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "common/error.hpp"
#include "common/parallel_jobs.hpp"
#include "metrics/metrics.hpp"
#include "metrics/operating_point.hpp"

namespace mirgene::reproduce {
namespace {

using Json = nlohmann::ordered_json;

struct Job {
  std::size_t study, seed, fold;
};

// How often a run reports its validation figures (and always at its last epoch).
constexpr int kLogEveryEpochs = 10;

metrics::Summary summary_at(const std::vector<train::FoldCurve>& runs, int epoch) {
  std::vector<metrics::Metrics> at;
  for (const train::FoldCurve& run : runs) at.push_back(run.validation[epoch - 1]);
  return metrics::summarize(at);
}

CvStudy assemble(const CvStudyRequest& request, std::vector<std::vector<train::FoldCurve>> runs,
                 double metrics::Metrics::*field, const std::string& select) {
  CvStudy study;
  study.name = request.name;
  study.seeds = request.seeds;
  study.folds = static_cast<int>(request.folds->size());
  study.select = select;
  std::vector<train::FoldCurve> all;
  for (const auto& seed_runs : runs) all.insert(all.end(), seed_runs.begin(), seed_runs.end());
  for (const train::FoldCurve& run : all) study.seconds += run.seconds;
  study.pooled = train::summarize_folds(all);
  study.chosen_epoch = train::best_epoch(study.pooled.by_epoch, field);
  if (study.chosen_epoch == 0)
    throw Error("cross-validation study " + request.name + ": no epoch has a defined " + select);
  study.at_chosen = study.pooled.by_epoch[study.chosen_epoch - 1];
  for (const auto& seed_runs : runs) study.per_seed.push_back(summary_at(seed_runs, study.chosen_epoch));

  std::vector<float> scores;
  std::vector<int> labels;
  for (std::size_t s = 0; s < runs.size(); ++s) {
    for (std::size_t f = 0; f < runs[s].size(); ++f) {
      const std::vector<float>& epoch_scores = runs[s][f].scores[study.chosen_epoch - 1];
      const std::vector<int>& is_positive = (*request.folds)[f].validation.is_positive;
      scores.insert(scores.end(), epoch_scores.begin(), epoch_scores.end());
      labels.insert(labels.end(), is_positive.begin(), is_positive.end());
    }
  }
  study.threshold_max_f1 = metrics::threshold_for_max_f1(scores, labels);
  study.threshold_high_sp = metrics::threshold_for_specificity(scores, labels, kTargetSpecificity);
  return study;
}

}  // namespace

double metrics::Metrics::*selection_field(const std::string& name) {
  if (name == "aupr") return &metrics::Metrics::aupr;
  if (name == "auroc") return &metrics::Metrics::auroc;
  throw Error("unknown selection metric '" + name + "' (aupr or auroc)");
}

std::vector<CvStudy> run_cv_studies(const std::vector<CvStudyRequest>& requests, int jobs,
                                    const std::string& select, const Log& log) {
  double metrics::Metrics::*field = selection_field(select);
  std::vector<Job> queue;
  std::vector<std::vector<std::vector<train::FoldCurve>>> runs(requests.size());
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const CvStudyRequest& q = requests[r];
    if (!q.folds || q.folds->size() < 2)
      throw Error("cross-validation study " + q.name + " needs at least two folds");
    if (q.seeds.empty()) throw Error("cross-validation study " + q.name + " has no seed");
    runs[r].assign(q.seeds.size(), std::vector<train::FoldCurve>(q.folds->size()));
    for (std::size_t s = 0; s < q.seeds.size(); ++s)
      for (std::size_t f = 0; f < q.folds->size(); ++f) queue.push_back({r, s, f});
  }

  std::mutex log_mutex;
  std::size_t finished = 0;
  const auto started = std::chrono::steady_clock::now();
  run_parallel_jobs(queue.size(), jobs, [&](std::size_t i) {
    const Job& job = queue[i];
    const CvStudyRequest& q = requests[job.study];
    train::CvSettings settings = q.settings;
    settings.training.seed = q.seeds[job.seed];
    settings.keep_scores = true;
    const std::string label =
        "cv " + q.name + " seed " + std::to_string(settings.training.seed) + " " + (*q.folds)[job.fold].name;
    const train::CvProgress progress = [&](const train::FoldCurve& curve, int epoch) {
      if (epoch % kLogEveryEpochs != 0 && epoch != settings.epochs) return;
      const metrics::Metrics& m = curve.validation[epoch - 1];
      char line[256];
      std::snprintf(line, sizeof line, "%s epoch %d/%d  loss %.4f  val AUROC %.4f AUPR %.4f  %.0f s",
                    label.c_str(), epoch, settings.epochs, curve.loss[epoch - 1], m.auroc, m.aupr,
                    curve.seconds);
      const std::lock_guard lock(log_mutex);
      if (log) log(line);
    };
    runs[job.study][job.seed][job.fold] = train::train_fold((*q.folds)[job.fold], settings, progress);
    const std::lock_guard lock(log_mutex);
    ++finished;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char line[128];
    std::snprintf(line, sizeof line, "[%zu/%zu cross-validation runs done, %ld min]", finished,
                  queue.size(), static_cast<long>(elapsed / 60));
    if (log) log(line);
  });

  std::vector<CvStudy> studies;
  for (std::size_t r = 0; r < requests.size(); ++r)
    studies.push_back(assemble(requests[r], std::move(runs[r]), field, select));
  return studies;
}

Json study_json(const CvStudy& study) {
  Json per_seed = Json::array();
  for (std::size_t s = 0; s < study.per_seed.size(); ++s) {
    per_seed.push_back(
        {{"seed", study.seeds[s]}, {"summary", Json(metrics::to_json(study.per_seed[s]))}});
  }
  Json curve = Json::array();
  const std::vector<train::FoldCurve>& runs = study.pooled.folds;
  // Every run's figures at the chosen epoch, so that studies sharing folds and seeds can be
  // compared run by run (paired), which is far tighter than comparing their means +- sd.
  Json at_chosen = Json::array();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    at_chosen.push_back({{"seed", study.seeds[i / static_cast<std::size_t>(study.folds)]},
                         {"fold", runs[i].name},
                         {"metrics", Json(metrics::to_json(runs[i].validation[study.chosen_epoch - 1]))}});
  }
  for (std::size_t e = 0; e < study.pooled.by_epoch.size(); ++e) {
    const metrics::Metrics& m = study.pooled.by_epoch[e].mean;
    double loss = 0;
    for (const train::FoldCurve& run : runs) loss += run.loss[e];
    curve.push_back({{"epoch", e + 1},
                     {"loss", loss / static_cast<double>(runs.size())},
                     {"auroc", m.auroc},
                     {"aupr", m.aupr},
                     {"f1", m.f1}});
  }
  return {{"name", study.name},
          {"folds", study.folds},
          {"seeds", study.seeds},
          {"runs", runs.size()},
          {"select", study.select},
          {"chosen_epoch", study.chosen_epoch},
          {"summary", Json(metrics::to_json(study.at_chosen))},
          {"per_seed", std::move(per_seed)},
          {"runs_at_chosen", std::move(at_chosen)},
          {"threshold_max_f1", study.threshold_max_f1},
          {"target_specificity", kTargetSpecificity},
          {"threshold_high_sp", study.threshold_high_sp},
          {"run_seconds", study.seconds},
          {"curve", std::move(curve)}};
}

}  // namespace mirgene::reproduce
