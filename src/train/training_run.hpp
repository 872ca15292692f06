#pragma once
// A whole training run: epochs of nn::Trainer over a labelled set, validation after each
// epoch, a checkpoint after each epoch (so --resume continues bit-identically), an optional
// per-epoch history file, and the final model file with its provenance metadata.
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "metrics/metrics.hpp"
#include "nn/network.hpp"
#include "nn/safetensors.hpp"
#include "nn/training_settings.hpp"
#include "train/dataset.hpp"

namespace mirgene::train {

// Identity of one input file of a run: what is recorded in the model and compared on resume.
struct DataFile {
  std::string file;         // as given (recorded, not compared: the data may move)
  std::size_t records = 0;  // records used
  std::string checksum;     // SequenceChecksum::hex of the records used
};
DataFile describe_data(const EncodedSet& set);

// Everything that shapes the trained weights: the training settings and the identity of the
// data. A checkpoint resumes only under equal settings.
struct RunSettings {
  nn::TrainingSettings training;
  DataFile positives, negatives;
  // Training-only negatives beyond `negatives` (decoys: `mirgene decoys`), when given.
  std::optional<DataFile> extra_negatives;
  std::optional<DataFile> validation_positives, validation_negatives;
};
nlohmann::ordered_json settings_json(const RunSettings& s);

struct EpochReport {
  int epoch = 0;   // 1-based
  int epochs = 0;  // of the run
  double loss = 0;
  double seconds = 0;
  double eta_seconds = 0;  // mean epoch time of this session times the epochs left
  std::optional<metrics::Metrics> validation;
};

struct TrainingRequest {
  RunSettings settings;
  int epochs = 1;
  std::string output;        // model file; the checkpoint goes beside it
  bool resume = false;       // continue from the checkpoint instead of starting over
  std::string history_path;  // "" = no history file
  // Recorded as they are in the model's metadata (command_line, ...).
  std::map<std::string, std::string> provenance;
};

struct TrainingResult {
  int resumed_from = 0;  // epochs already done in the checkpoint (0 when starting over)
  std::optional<metrics::Metrics> last_validation;
  nn::Dtype dtype = nn::Dtype::F32;  // of the written model
};

// Runs the request; `on_epoch` is told about each finished epoch (for progress lines).
// The network, its initial weights and the trainer come from nn::TrainingModel. Throws
// mirgene::Error (bad resume, unwritable files, ...).
TrainingResult run_training(const TrainingRequest& request, const LabelledSet& train,
                            const LabelledSet* validation,
                            const std::function<void(const EpochReport&)>& on_epoch);

// "epoch 3/100  loss 0.2345  val AUROC 0.9812 AUPR 0.9123 F1 0.850 SE 0.800 SP 0.990
//  4.2 s  ETA 6m 50s" (validation part only when there is one).
std::string format_epoch_report(const EpochReport& r);

// The model's date: $SOURCE_DATE_EPOCH when set (reproducible files), else now; ISO 8601 UTC.
std::string training_date();

}  // namespace mirgene::train
