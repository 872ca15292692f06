#include "nn/model_file.hpp"

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

Network build_network(const Architecture& arch, const std::string& path) {
  try {
    return Network(arch);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

}  // namespace

void save_model(const std::string& path, Network& net, std::map<std::string, std::string> metadata,
                Dtype dtype) {
  metadata["format"] = std::string(kModelFormat);
  metadata["format_version"] = std::string(kModelFormatVersion);
  metadata["architecture"] = architecture_to_json(net.architecture());
  metadata["encoding"] = std::string(kModelEncoding);

  const std::vector<ParamView> params = net.parameters();
  std::vector<TensorToWrite> tensors;
  tensors.reserve(params.size());
  for (const ParamView& p : params) {
    tensors.push_back({p.name, std::vector<std::int64_t>(p.shape.begin(), p.shape.end()),
                       std::span<const float>(p.data, p.size)});
  }
  write_safetensors(path, tensors, metadata, dtype);
}

ModelFile load_model(const std::string& path) {
  TensorFileContents contents = read_safetensors(path);
  expect_metadata(contents, "format", kModelFormat, path, "not a mirgene model");
  expect_metadata(contents, "format_version", kModelFormatVersion, path,
                  "this build reads format version 1");
  expect_metadata(contents, "encoding", kModelEncoding, path,
                  "the model was trained on a different input encoding");
  const Architecture arch = architecture_from_json(
      required_metadata(contents, "architecture", path), path + ": architecture metadata");

  ModelFile model{build_network(arch, path), std::move(contents.metadata)};
  std::set<std::string> expected_names;
  for (const ParamView& p : model.net.parameters()) {
    expected_names.insert(p.name);
    const StoredTensor* stored = contents.find(p.name);
    if (stored == nullptr) throw Error(path + ": tensor " + p.name + " is missing");
    const std::vector<std::int64_t> expected(p.shape.begin(), p.shape.end());
    if (stored->shape != expected) {
      throw Error(path + ": tensor " + p.name + " has shape " + shape_text(stored->shape) +
                  ", expected " + shape_text(expected));
    }
    std::copy(stored->values.begin(), stored->values.end(), p.data);
  }
  for (const StoredTensor& t : contents.tensors) {
    if (!expected_names.contains(t.name)) {
      throw Error(path + ": unexpected tensor " + t.name + " (not part of this architecture)");
    }
  }
  return model;
}

}  // namespace mirgene::nn
