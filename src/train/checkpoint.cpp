#include "train/checkpoint.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "common/error.hpp"
#include "nn/architecture.hpp"
#include "nn/safetensors.hpp"

namespace mirgene::train {
namespace {

constexpr const char* kCheckpointFormat = "mirgene-checkpoint";
constexpr const char* kScalarPrefix = "trainer.";

std::vector<nn::ParamView> all_tensors(nn::Network& net, nn::Trainer& trainer) {
  std::vector<nn::ParamView> views = net.parameters();
  for (auto& v : trainer.state_tensors()) views.push_back(std::move(v));
  return views;
}

// "name: checkpoint A, now B" for every top-level setting that differs.
std::string describe_differences(const nlohmann::ordered_json& saved,
                                 const nlohmann::ordered_json& now) {
  std::string text;
  auto note = [&](const std::string& key, const std::string& a, const std::string& b) {
    text += "\n  " + key + ": checkpoint " + a + ", now " + b;
  };
  for (const auto& [key, value] : now.items()) {
    if (!saved.contains(key))
      note(key, "(absent)", value.dump());
    else if (saved[key] != value)
      note(key, saved[key].dump(), value.dump());
  }
  for (const auto& [key, value] : saved.items()) {
    if (!now.contains(key)) note(key, value.dump(), "(absent)");
  }
  return text;
}

}  // namespace

std::string checkpoint_path_for(const std::string& model_path) {
  constexpr std::string_view kExtension = ".safetensors";
  std::string stem = model_path;
  if (stem.size() > kExtension.size() && stem.ends_with(kExtension))
    stem.resize(stem.size() - kExtension.size());
  return stem + ".checkpoint" + std::string(kExtension);
}

void write_checkpoint(const std::string& path, nn::Network& net, nn::Trainer& trainer,
                      const nlohmann::ordered_json& settings,
                      const nlohmann::ordered_json& history) {
  const std::vector<nn::ParamView> views = all_tensors(net, trainer);
  std::vector<nn::TensorToWrite> tensors;
  tensors.reserve(views.size());
  for (const auto& v : views) {
    tensors.push_back({v.name, std::vector<std::int64_t>(v.shape.begin(), v.shape.end()),
                       std::span<const float>(v.data, v.size)});
  }
  std::map<std::string, std::string> metadata{
      {"format", kCheckpointFormat}, {"settings", settings.dump()}, {"history", history.dump()}};
  for (const auto& [key, value] : trainer.state_scalars()) metadata[kScalarPrefix + key] = value;
  nn::write_safetensors(path, tensors, metadata, nn::Dtype::F32);
}

nlohmann::ordered_json restore_checkpoint(const std::string& path, nn::Network& net,
                                          nn::Trainer& trainer,
                                          const nlohmann::ordered_json& settings) {
  const nn::TensorFileContents contents = nn::read_safetensors(path);
  const auto meta = [&](const std::string& key) -> const std::string& {
    const auto it = contents.metadata.find(key);
    if (it == contents.metadata.end())
      throw Error(path + ": not a mirgene training checkpoint (no '" + key + "' metadata)");
    return it->second;
  };
  if (meta("format") != kCheckpointFormat)
    throw Error(path + ": not a mirgene training checkpoint (format '" + meta("format") + "')");

  nlohmann::ordered_json saved_settings, history;
  try {
    saved_settings = nlohmann::ordered_json::parse(meta("settings"));
    history = nlohmann::ordered_json::parse(meta("history"));
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": damaged checkpoint metadata: " + e.what());
  }
  // Checkpoints written before architectures were configurable hold the old architecture
  // form; compare the architecture it describes, not its spelling.
  if (saved_settings.is_object() && saved_settings.contains("architecture")) {
    saved_settings["architecture"] = nlohmann::ordered_json::parse(nn::architecture_to_json(
        nn::architecture_from_json(saved_settings["architecture"].dump(), path)));
  }
  if (saved_settings != settings) {
    throw Error(path + ": cannot resume: the run's settings differ from the checkpoint's" +
                describe_differences(saved_settings, settings) +
                "\nrerun with the checkpoint's settings, or without --resume to start over");
  }
  if (!history.is_array()) throw Error(path + ": damaged checkpoint metadata: history");

  for (const nn::ParamView& view : all_tensors(net, trainer)) {
    const nn::StoredTensor* stored = contents.find(view.name);
    if (!stored) throw Error(path + ": checkpoint has no tensor '" + view.name + "'");
    const bool same_shape =
        std::equal(stored->shape.begin(), stored->shape.end(), view.shape.begin(), view.shape.end(),
                   [](std::int64_t a, int b) { return a == b; });
    if (!same_shape || stored->values.size() != view.size)
      throw Error(path + ": checkpoint tensor '" + view.name + "' has the wrong shape");
    std::copy(stored->values.begin(), stored->values.end(), view.data);
  }
  std::map<std::string, std::string> scalars;
  for (const auto& [key, value] : contents.metadata) {
    if (key.starts_with(kScalarPrefix))
      scalars[key.substr(std::string_view(kScalarPrefix).size())] = value;
  }
  try {
    trainer.restore_scalars(scalars);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
  if (static_cast<std::size_t>(trainer.epochs_done()) != history.size())
    throw Error(path + ": damaged checkpoint: " + std::to_string(trainer.epochs_done()) +
                " epochs done but " + std::to_string(history.size()) + " in the history");
  return history;
}

}  // namespace mirgene::train
