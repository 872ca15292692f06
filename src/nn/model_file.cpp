#include "nn/model_file.hpp"

#include <cmath>
#include <set>
#include <vector>

#include "common/error.hpp"

namespace mirgene::nn {

namespace {

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ",";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

}  // namespace

std::size_t first_non_finite(std::span<const float> values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i])) return i;
  return values.size();
}

std::vector<TensorToWrite> parameter_tensors(Network& net, std::string_view prefix) {
  const std::vector<ParamView> params = net.parameters();
  std::vector<TensorToWrite> tensors;
  tensors.reserve(params.size());
  for (const ParamView& p : params) {
    // A model that cannot score anything is refused before it reaches a file.
    const std::size_t bad = first_non_finite({p.data, p.size});
    if (bad < p.size) {
      throw Error("parameter " + p.name + " holds a non-finite value (" +
                  std::to_string(p.data[bad]) + " at index " + std::to_string(bad) +
                  "): not saving a broken model");
    }
    tensors.push_back({std::string(prefix) + p.name,
                       std::vector<std::int64_t>(p.shape.begin(), p.shape.end()),
                       std::span<const float>(p.data, p.size)});
  }
  return tensors;
}

std::set<std::string> parameter_names(Network& net, std::string_view prefix) {
  std::set<std::string> names;
  for (const ParamView& p : net.parameters()) names.insert(std::string(prefix) + p.name);
  return names;
}

void read_parameters(Network& net, const TensorFileContents& contents, std::string_view prefix,
                     const std::string& path) {
  for (const ParamView& p : net.parameters()) {
    const std::string name = std::string(prefix) + p.name;
    const StoredTensor* stored = contents.find(name);
    if (stored == nullptr) throw Error(path + ": tensor " + name + " is missing");
    const std::vector<std::int64_t> expected(p.shape.begin(), p.shape.end());
    if (stored->shape != expected) {
      throw Error(path + ": tensor " + name + " has shape " + shape_text(stored->shape) +
                  ", expected " + shape_text(expected));
    }
    const std::size_t bad = first_non_finite(stored->values);
    if (bad < stored->values.size()) {
      throw Error(path + ": tensor " + name + " holds a non-finite value (" +
                  std::to_string(stored->values[bad]) + " at index " + std::to_string(bad) +
                  "): the model is broken (did its training diverge?)");
    }
    std::copy(stored->values.begin(), stored->values.end(), p.data);
  }
}

void save_model(const std::string& path, Network& net, std::map<std::string, std::string> metadata,
                Dtype dtype) {
  metadata["format"] = std::string(kModelFormat);
  metadata["format_version"] = std::string(kModelFormatVersion);
  metadata["architecture"] = architecture_to_json(net.architecture());
  metadata["encoding"] = std::string(kModelEncoding);

  std::vector<TensorToWrite> tensors;
  try {
    tensors = parameter_tensors(net, "");
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
  write_safetensors(path, tensors, metadata, dtype);
}

ModelFile load_model(const std::string& path) {
  return model_from_contents(read_safetensors(path), path);
}

const std::string& required_metadata(const TensorFileContents& contents, const std::string& key,
                                     const std::string& path) {
  const auto it = contents.metadata.find(key);
  if (it == contents.metadata.end()) {
    throw Error(path + ": not a mirgene model (no '" + key + "' metadata)");
  }
  return it->second;
}

void expect_metadata(const TensorFileContents& contents, const std::string& key,
                     std::string_view expected, const std::string& path, const char* why) {
  const std::string& value = required_metadata(contents, key, path);
  if (value != expected) {
    throw Error(path + ": metadata '" + key + "' is '" + value + "', expected '" +
                std::string(expected) + "' (" + why + ")");
  }
}

Network network_of(const std::string& architecture_json, const std::string& path) {
  const Architecture arch =
      architecture_from_json(architecture_json, path + ": architecture metadata");
  try {
    return Network(arch);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

ModelFile model_from_contents(TensorFileContents&& contents, const std::string& path) {
  expect_metadata(contents, "format", kModelFormat, path, "not a mirgene model");
  expect_metadata(contents, "format_version", kModelFormatVersion, path,
                  "this build reads format version 1");
  expect_metadata(contents, "encoding", kModelEncoding, path,
                  "the model was trained on a different input encoding");
  ModelFile model{network_of(required_metadata(contents, "architecture", path), path), {}};
  read_parameters(model.net, contents, "", path);
  const std::set<std::string> expected_names = parameter_names(model.net, "");
  for (const StoredTensor& t : contents.tensors) {
    if (!expected_names.contains(t.name)) {
      throw Error(path + ": unexpected tensor " + t.name + " (not part of this architecture)");
    }
  }
  model.metadata = std::move(contents.metadata);
  return model;
}

}  // namespace mirgene::nn
