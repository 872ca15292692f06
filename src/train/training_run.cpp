#include "train/training_run.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "common/error.hpp"
#include "common/number_text.hpp"
#include "nn/model_file.hpp"
#include "nn/training_model.hpp"
#include "train/checkpoint.hpp"

namespace mirgene::train {
namespace {

using Json = nlohmann::ordered_json;

// Model files above this size are stored as float16 (half the size; the scores change by
// far less than the model's own uncertainty).
constexpr std::size_t kMaxF32ModelBytes = 5'000'000;

// The float's shortest decimal form, so 1e-3f is recorded as 0.001, not 0.0010000000474974513.
double shortest_decimal(float value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text - 1, value).ptr;
  *end = '\0';
  return std::strtod(text, nullptr);
}

Json data_json(const DataFile& d) {
  return {{"records", d.records}, {"fnv1a64", d.checksum}};
}

Json data_provenance(const DataFile& d) {
  return {{"file", d.file}, {"records", d.records}, {"fnv1a64", d.checksum}};
}

// The trainer's class convention: 0 = pre-miRNA, 1 = other.
std::vector<int> trainer_labels(const LabelledSet& set) {
  std::vector<int> labels;
  labels.reserve(set.is_positive.size());
  for (int positive : set.is_positive) labels.push_back(positive ? 0 : 1);
  return labels;
}

metrics::Metrics evaluate(const nn::Network& net, const LabelledSet& set, int threads) {
  const std::vector<float> scores = nn::predict(net, set.tokens, threads);
  return metrics::compute_metrics(scores, set.is_positive);
}

std::string duration_text(double seconds) {
  const long total = std::lround(seconds);
  if (total < 60) return std::to_string(total) + "s";
  if (total < 3600) return std::to_string(total / 60) + "m " + std::to_string(total % 60) + "s";
  return std::to_string(total / 3600) + "h " + std::to_string(total % 3600 / 60) + "m";
}

void write_history(const std::string& path, const Json& settings, const Json& history) {
  const Json doc = {{"settings", settings}, {"epochs", history}};
  nn::write_file_atomically(path, doc.dump(1) + '\n');
}

std::map<std::string, std::string> model_metadata(const TrainingRequest& request,
                                                  const Json& history) {
  const RunSettings& s = request.settings;
  const nn::TrainingSettings& t = s.training;
  std::map<std::string, std::string> meta = request.provenance;
  meta["mirgene_version"] = MIRGENE_VERSION;
  meta["date"] = training_date();
  meta["seed"] = std::to_string(t.seed);
  meta["epochs"] = std::to_string(history.size());
  meta["threads"] = std::to_string(t.threads);
  meta["batch_size"] = std::to_string(t.batch_size);
  meta["learning_rate"] = Json(shortest_decimal(t.learning_rate)).dump();
  if (t.lr_decay != 1.0f) meta["lr_decay"] = Json(shortest_decimal(t.lr_decay)).dump();
  if (t.weight_average != 0.0f)
    meta["weight_average"] = Json(shortest_decimal(t.weight_average)).dump();
  meta["class_weights"] = t.length_balanced && t.gc_balanced ? "length-and-gc-balanced"
                          : t.length_balanced                ? "length-balanced"
                          : t.gc_balanced                    ? "gc-balanced"
                          : t.class_weights                  ? "balanced"
                                                             : "none";
  if (t.extra_negative_share >= 0.0f)
    meta["extra_negative_share"] = Json(shortest_decimal(t.extra_negative_share)).dump();
  meta["init"] = nn::init_scheme_name(t.init);
  Json data = {{"positives", data_provenance(s.positives)},
               {"negatives", data_provenance(s.negatives)}};
  if (s.extra_negatives) data["extra_negatives"] = data_provenance(*s.extra_negatives);
  if (s.validation_positives && s.validation_negatives) {
    data["validation_positives"] = data_provenance(*s.validation_positives);
    data["validation_negatives"] = data_provenance(*s.validation_negatives);
  }
  meta["training_data"] = data.dump();
  if (!history.empty() && history.back().contains("validation"))
    meta["validation_metrics"] = history.back()["validation"].dump();
  return meta;
}

}  // namespace

DataFile describe_data(const EncodedSet& set) {
  return {set.source, set.tokens.size(), set.checksum};
}

Json settings_json(const RunSettings& s) {
  const nn::TrainingSettings& t = s.training;
  Json j = {{"architecture", Json::parse(nn::architecture_to_json(t.architecture))},
            {"seed", t.seed},
            {"threads", t.threads},
            {"batch_size", t.batch_size},
            {"learning_rate", shortest_decimal(t.learning_rate)},
            {"class_weights", t.class_weights},
            {"init", std::string(nn::init_scheme_name(t.init))},
            {"positives", data_json(s.positives)},
            {"negatives", data_json(s.negatives)}};
  // Only when set, so that checkpoints written before the option resume unchanged.
  if (t.length_balanced) j["length_balanced"] = true;
  if (t.gc_balanced) j["gc_balanced"] = true;
  if (t.lr_decay != 1.0f) j["lr_decay"] = shortest_decimal(t.lr_decay);
  if (t.weight_average != 0.0f) j["weight_average"] = shortest_decimal(t.weight_average);
  if (t.extra_negative_share >= 0.0f)
    j["extra_negative_share"] = shortest_decimal(t.extra_negative_share);
  if (s.extra_negatives) j["extra_negatives"] = data_json(*s.extra_negatives);
  if (s.validation_positives && s.validation_negatives) {
    j["validation_positives"] = data_json(*s.validation_positives);
    j["validation_negatives"] = data_json(*s.validation_negatives);
  }
  return j;
}

TrainingResult run_training(const TrainingRequest& request, const LabelledSet& train,
                            const LabelledSet* validation,
                            const std::function<void(const EpochReport&)>& on_epoch) {
  const RunSettings& s = request.settings;
  if (request.epochs < 1) throw Error("training: --epochs must be at least 1");
  const Json settings = settings_json(s);
  const std::string checkpoint = checkpoint_path_for(request.output);

  nn::TrainingModel model(s.training);
  nn::Network& net = model.net;
  nn::Trainer& trainer = model.trainer;
  Json history = Json::array();
  TrainingResult result;
  if (request.resume) {
    if (!std::filesystem::exists(checkpoint))
      throw Error("cannot resume: no checkpoint " + checkpoint + " (run without --resume)");
    history = restore_checkpoint(checkpoint, net, trainer, settings);
    result.resumed_from = trainer.epochs_done();
    if (result.resumed_from > request.epochs)
      throw Error("cannot resume: " + checkpoint + " is at epoch " +
                  std::to_string(result.resumed_from) + ", beyond --epochs " +
                  std::to_string(request.epochs));
  }

  const std::vector<int> labels = trainer_labels(train);
  double session_seconds = 0;
  for (int epoch = trainer.epochs_done() + 1; epoch <= request.epochs; ++epoch) {
    const nn::EpochStats stats = trainer.run_epoch(train.tokens, labels, train.is_extra);
    EpochReport report;
    report.epoch = epoch;
    report.epochs = request.epochs;
    report.loss = stats.loss;
    Json entry = {{"epoch", epoch}, {"loss", stats.loss}};
    const auto validation_started = std::chrono::steady_clock::now();
    if (validation) {
      const nn::AveragedWeights yielded(trainer);
      report.validation = evaluate(net, *validation, s.training.threads);
      entry["validation"] = metrics::to_json(*report.validation);
      result.last_validation = report.validation;
    }
    report.seconds = stats.seconds + std::chrono::duration<double>(
                                         std::chrono::steady_clock::now() - validation_started)
                                         .count();
    entry["seconds"] = report.seconds;
    history.push_back(entry);
    write_checkpoint(checkpoint, net, trainer, settings, history);
    if (!request.history_path.empty()) write_history(request.history_path, settings, history);

    session_seconds += report.seconds;
    const int done_here = epoch - result.resumed_from;
    report.eta_seconds = session_seconds / done_here * (request.epochs - epoch);
    if (on_epoch) on_epoch(report);
  }

  // A resumed run that had already finished still (re)writes its model and history.
  if (!request.history_path.empty()) write_history(request.history_path, settings, history);
  const nn::AveragedWeights yielded(trainer);
  if (validation && !result.last_validation)
    result.last_validation = evaluate(net, *validation, s.training.threads);
  result.dtype = nn::parameter_count(s.training.architecture) * sizeof(float) > kMaxF32ModelBytes
                     ? nn::Dtype::F16
                     : nn::Dtype::F32;
  nn::save_model(request.output, net, model_metadata(request, history), result.dtype);
  return result;
}

std::string format_epoch_report(const EpochReport& r) {
  std::string line = "epoch " + std::to_string(r.epoch) + "/" + std::to_string(r.epochs) +
                     "  loss " + fixed(r.loss, 4);
  if (r.validation) {
    const metrics::Metrics& m = *r.validation;
    line += "  val AUROC " + fixed(m.auroc, 4) + " AUPR " + fixed(m.aupr, 4) + " F1 " +
            fixed(m.f1, 3) + " SE " + fixed(m.se, 3) + " SP " + fixed(m.sp, 3);
  }
  line += "  " + fixed(r.seconds, 1) + " s  ETA " + duration_text(r.eta_seconds);
  return line;
}

std::string training_date() {
  std::time_t when = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || value < 0)
      throw Error("SOURCE_DATE_EPOCH is not a number of seconds: '" + std::string(epoch) + "'");
    when = static_cast<std::time_t>(value);
  }
  std::tm utc{};
  gmtime_r(&when, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace mirgene::train
