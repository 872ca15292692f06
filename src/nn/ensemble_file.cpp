#include "nn/ensemble_file.hpp"

#include <charconv>
#include <set>

#include "common/error.hpp"

namespace mirgene::nn {
namespace {

// Keys that describe the file as a whole rather than one member.
bool file_level_key(const std::string& key) {
  return key == "format" || key == "format_version" || key == "encoding" || key == "members";
}

std::size_t member_count(const TensorFileContents& contents, const std::string& path) {
  const std::string& text = required_metadata(contents, "members", path);
  std::size_t k = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), k);
  if (ec != std::errc() || end != text.data() + text.size() || k < 1 || k > 1000) {
    throw Error(path + ": metadata 'members' is '" + text + "', expected a count from 1 to 1000");
  }
  return k;
}

}  // namespace

std::string member_prefix(std::size_t k) {
  return "member" + std::to_string(k) + "/";
}

void save_ensemble(const std::string& path, std::span<ModelFile> members,
                   std::map<std::string, std::string> metadata, Dtype dtype) {
  if (members.size() < 2) throw Error(path + ": an ensemble needs at least two members");
  for (auto it = metadata.begin(); it != metadata.end();) {
    it = file_level_key(it->first) ? metadata.erase(it) : std::next(it);
  }
  metadata["format"] = std::string(kEnsembleFormat);
  metadata["format_version"] = std::string(kEnsembleFormatVersion);
  metadata["encoding"] = std::string(kModelEncoding);
  metadata["members"] = std::to_string(members.size());
  std::vector<TensorToWrite> tensors;
  for (std::size_t k = 1; k <= members.size(); ++k) {
    ModelFile& m = members[k - 1];
    const std::string prefix = member_prefix(k);
    for (const auto& [key, value] : m.metadata) {
      if (!file_level_key(key)) metadata[prefix + key] = value;
    }
    metadata[prefix + "architecture"] = architecture_to_json(m.net.architecture());
    try {
      for (TensorToWrite& t : parameter_tensors(m.net, prefix)) tensors.push_back(std::move(t));
    } catch (const Error& e) {
      throw Error(path + ": member " + std::to_string(k) + ": " + e.what());
    }
  }
  write_safetensors(path, tensors, metadata, dtype);
}

Ensemble load_ensemble(const std::string& path) {
  TensorFileContents contents = read_safetensors(path);
  const auto format = contents.metadata.find("format");
  if (format == contents.metadata.end() || format->second != kEnsembleFormat) {
    ModelFile single = model_from_contents(std::move(contents), path);
    Ensemble e;
    e.members.push_back(std::move(single.net));
    e.metadata = std::move(single.metadata);
    return e;
  }
  expect_metadata(contents, "format_version", kEnsembleFormatVersion, path,
                  "this build reads ensemble format version 1");
  expect_metadata(contents, "encoding", kModelEncoding, path,
                  "the model was trained on a different input encoding");
  const std::size_t k = member_count(contents, path);
  Ensemble e;
  std::set<std::string> expected_names;
  for (std::size_t m = 1; m <= k; ++m) {
    const std::string prefix = member_prefix(m);
    Network net = network_of(required_metadata(contents, prefix + "architecture", path), path);
    read_parameters(net, contents, prefix, path);
    expected_names.merge(parameter_names(net, prefix));
    e.members.push_back(std::move(net));
  }
  for (const StoredTensor& t : contents.tensors) {
    if (!expected_names.contains(t.name)) {
      throw Error(path + ": unexpected tensor " + t.name + " (not part of any member)");
    }
  }
  e.metadata = std::move(contents.metadata);
  return e;
}

}  // namespace mirgene::nn
