#include "reproduce/tables23.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "common/error.hpp"
#include "common/parallel_jobs.hpp"
#include "metrics/bootstrap.hpp"
#include "nn/model_file.hpp"
#include "nn/safetensors.hpp"
#include "predict/evaluation.hpp"
#include "reproduce/machine.hpp"
#include "train/checkpoint.hpp"
#include "train/training_run.hpp"

namespace mirgene::reproduce {
namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// One held-out evaluation of the protocol.
struct Target {
  std::string name;      // "human", "cross", "new"
  std::string cv_study;  // whose chosen epoch and threshold it uses
  LoadedPair train, test;
};

struct FinalRun {
  double train_seconds = 0;
  metrics::Metrics at_half, at_cv_threshold, at_high_sp;
  metrics::MetricIntervals intervals;  // bootstrap 95 % intervals at threshold 0.5
};

// Replicates of the test-set bootstrap behind every interval of the results.
constexpr int kBootstrapReplicates = 1000;

// The float's shortest decimal form (1e-3f is recorded as 0.001).
double shortest_decimal(float value) {
  char text[32];
  *std::to_chars(text, text + sizeof text - 1, value).ptr = '\0';
  return std::strtod(text, nullptr);
}

Json protocol_json(const Tables23Options& o) {
  const nn::TrainingSettings& s = o.training;
  return {{"seeds", o.seeds},
          {"max_epochs", o.max_epochs},
          {"select", o.select},
          {"architecture", Json::parse(nn::architecture_to_json(s.architecture))},
          {"batch_size", s.batch_size},
          {"learning_rate", shortest_decimal(s.learning_rate)},
          {"class_weights", s.class_weights ? "balanced" : "none"},
          {"init", std::string(nn::init_scheme_name(s.init))},
          {"threads_per_training", 1},
          {"trainings_at_once", o.jobs}};
}

std::string pair_text(const ClassFiles& f) {
  return f.pos + " + " + f.neg;
}

FinalRun train_and_score(const Target& target, const CvStudy& cv, std::uint64_t seed,
                         const Tables23Options& o, const Log& log, std::mutex& log_mutex) {
  const std::string output = final_model_path(o.work_dir, target.name, seed);
  train::TrainingRequest request;
  train::RunSettings& s = request.settings;
  s.training = o.training;
  s.training.seed = seed;
  s.training.threads = 1;
  s.positives = train::describe_data(target.train.pos);
  s.negatives = train::describe_data(target.train.neg);
  request.epochs = cv.chosen_epoch;
  request.output = output;
  request.history_path = output + ".history.json";
  request.provenance["command_line"] = o.command_line;
  request.provenance["protocol"] =
      "mirgene reproduce: epochs chosen by " + std::to_string(cv.folds) + "-fold CV (" + cv.name +
      ", mean validation " + cv.select + " over seeds " + std::to_string(cv.seeds.size()) + ")";
  request.provenance["cv"] = study_json(cv).dump();
  request.provenance["cv_threshold_max_f1"] = Json(cv.threshold_max_f1).dump();
  request.provenance["cv_threshold_sp99"] = Json(cv.threshold_high_sp).dump();

  const auto started = Clock::now();
  const std::string label = "train " + target.name + " seed " + std::to_string(seed);
  train::run_training(request, target.train.labelled, nullptr, [&](const train::EpochReport& r) {
    if (r.epoch % 20 != 0 && r.epoch != r.epochs) return;
    char line[160];
    std::snprintf(line, sizeof line, "%s epoch %d/%d  loss %.4f", label.c_str(), r.epoch, r.epochs,
                  r.loss);
    const std::lock_guard lock(log_mutex);
    if (log) log(line);
  });
  FinalRun run;
  run.train_seconds = seconds_since(started);
  // Score the file as written (float16 weights when large), i.e. the model a user gets.
  const nn::ModelFile model = nn::load_model(output);
  const predict::Evaluation e =
      predict::evaluate_model(std::span(&model.net, 1), target.test.pos, target.test.neg, 0.5, 1);
  nn::write_file_atomically(output + ".test-scores.tsv", predict::format_scores_tsv(e));
  run.at_half = e.metrics;
  run.at_cv_threshold = metrics::compute_metrics(e.scores, e.is_positive, cv.threshold_max_f1);
  run.at_high_sp = metrics::compute_metrics(e.scores, e.is_positive, cv.threshold_high_sp);
  run.intervals =
      metrics::bootstrap_intervals(e.scores, e.is_positive, 0.5, kBootstrapReplicates, seed);
  std::filesystem::remove(train::checkpoint_path_for(output));
  return run;
}

Json target_json(const Target& t, const CvStudy& cv, const std::vector<std::uint64_t>& seeds,
                 const std::vector<FinalRun>& runs) {
  Json per_seed = Json::array();
  std::vector<metrics::Metrics> half, tuned, high_sp;
  for (std::size_t s = 0; s < runs.size(); ++s) {
    per_seed.push_back({{"seed", seeds[s]},
                        {"train_seconds", runs[s].train_seconds},
                        {"at_0.5", Json(metrics::to_json(runs[s].at_half))},
                        {"bootstrap_95_at_0.5", metrics::to_json(runs[s].intervals)},
                        {"at_cv_threshold", Json(metrics::to_json(runs[s].at_cv_threshold))},
                        {"at_high_sp_threshold", Json(metrics::to_json(runs[s].at_high_sp))}});
    half.push_back(runs[s].at_half);
    tuned.push_back(runs[s].at_cv_threshold);
    high_sp.push_back(runs[s].at_high_sp);
  }
  return {{"train", pair_text(t.train.files)},
          {"test", pair_text(t.test.files)},
          {"train_records", t.train.labelled.tokens.size()},
          {"test_records", t.test.labelled.tokens.size()},
          {"cv_study", cv.name},
          {"epochs", cv.chosen_epoch},
          {"cv_threshold", cv.threshold_max_f1},
          {"summary_at_0.5", Json(metrics::to_json(metrics::summarize(half)))},
          {"summary_at_cv_threshold", Json(metrics::to_json(metrics::summarize(tuned)))},
          {"high_sp_threshold", cv.threshold_high_sp},
          {"summary_at_high_sp_threshold", Json(metrics::to_json(metrics::summarize(high_sp)))},
          {"per_seed", std::move(per_seed)}};
}

}  // namespace

std::string final_model_path(const std::string& work_dir, const std::string& target,
                             std::uint64_t seed) {
  return (std::filesystem::path(work_dir) / "models" /
          (target + "-seed" + std::to_string(seed) + ".safetensors"))
      .string();
}

Json run_tables23(const Tables23Options& o, const Loader& load, const Log& log) {
  if (o.seeds.empty()) throw Error("reproduce: give at least one seed");
  if (o.max_epochs < 1) throw Error("reproduce: --max-epochs must be at least 1");
  selection_field(o.select);  // reject a bad metric before hours of work
  const auto started = Clock::now();
  std::filesystem::create_directories(std::filesystem::path(o.work_dir) / "models");

  const MirboostLayout data{o.data_dir};
  const std::vector<train::CvFold> human_folds = load_cv_folds(data, "human", load);
  const std::vector<train::CvFold> whole_folds = load_cv_folds(data, "whole", load);
  std::vector<Target> targets;
  targets.push_back({"new", "whole", load_pair(data.sequences("whole"), load),
                     load_pair(data.sequences("new"), load)});
  targets.push_back({"cross", "whole", load_pair(data.training_portion("whole"), load),
                     load_pair(data.test("whole"), load)});
  targets.push_back({"human", "human", load_pair(data.training_portion("human"), load),
                     load_pair(data.test("human"), load)});
  const double load_seconds = seconds_since(started);

  const train::CvSettings cv_settings{.training = o.training, .epochs = o.max_epochs};
  // The larger set first, so that the last jobs to finish are short ones.
  const std::vector<CvStudy> studies =
      run_cv_studies({{"whole", &whole_folds, cv_settings, o.seeds},
                      {"human", &human_folds, cv_settings, o.seeds}},
                     o.jobs, o.select, log);
  const double cv_seconds = seconds_since(started) - load_seconds;
  const auto study_of = [&](const std::string& name) -> const CvStudy& {
    return name == "human" ? studies[1] : studies[0];
  };
  for (const CvStudy& s : studies) {
    if (log)
      log("cv " + s.name + ": chosen epoch " + std::to_string(s.chosen_epoch) + " of " +
          std::to_string(o.max_epochs) + " (mean validation " + s.select + " " +
          std::to_string(s.select == "aupr" ? s.at_chosen.mean.aupr : s.at_chosen.mean.auroc) +
          "), threshold for the best F-score " + std::to_string(s.threshold_max_f1));
  }

  std::vector<std::vector<FinalRun>> finals(targets.size(), std::vector<FinalRun>(o.seeds.size()));
  std::mutex log_mutex;
  run_parallel_jobs(targets.size() * o.seeds.size(), o.jobs, [&](std::size_t i) {
    const std::size_t t = i / o.seeds.size(), s = i % o.seeds.size();
    finals[t][s] =
        train_and_score(targets[t], study_of(targets[t].cv_study), o.seeds[s], o, log, log_mutex);
  });
  const double final_seconds = seconds_since(started) - load_seconds - cv_seconds;

  Json cv = Json::object();
  for (const CvStudy& s : studies) cv[s.name] = study_json(s);
  Json tests = Json::object();
  for (std::size_t t = 0; t < targets.size(); ++t)
    tests[targets[t].name] =
        target_json(targets[t], study_of(targets[t].cv_study), o.seeds, finals[t]);
  return {{"part", "tables23"},
          {"mirgene_version", MIRGENE_VERSION},
          {"date", train::training_date()},
          {"command_line", o.command_line},
          {"data_dir", o.data_dir},
          {"protocol", protocol_json(o)},
          {"machine", describe_machine()},
          {"cv", std::move(cv)},
          {"test", std::move(tests)},
          {"timing",
           {{"load_and_fold_seconds", load_seconds},
            {"cv_seconds", cv_seconds},
            {"final_models_seconds", final_seconds},
            {"total_seconds", seconds_since(started)}}}};
}

}  // namespace mirgene::reproduce
