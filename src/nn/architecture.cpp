#include "nn/architecture.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/error.hpp"
#include "encode/encoding.hpp"
#include "nn/layers.hpp"

namespace mirgene::nn {
namespace {

using Json = nlohmann::ordered_json;

// Widths beyond this are certainly typos, and keep every product below int overflow.
constexpr std::int64_t kMaxWidth = 1'000'000;
// Parameters beyond this would not fit a model file anyone could use (4 GB of float32).
constexpr double kMaxParameters = 1e9;

// The float's shortest decimal form as a double, so 0.1f is written "0.1" rather than
// "0.10000000149011612" and still reads back as exactly 0.1f.
double shortest_decimal(float value) {
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  *result.ptr = '\0';
  return std::strtod(text, nullptr);
}

struct Reader {
  const std::string& source;

  Error fail(const std::string& problem) const { return Error(source + ": " + problem); }

  int positive(const Json& value, const std::string& what) const {
    if (!value.is_number_integer() || value.get<std::int64_t>() <= 0 ||
        value.get<std::int64_t>() > kMaxWidth)
      throw fail("'" + what + "' must be a positive integer");
    return value.get<int>();
  }

  bool boolean(const Json& value, const std::string& what) const {
    if (!value.is_boolean()) throw fail("'" + what + "' must be true or false");
    return value.get<bool>();
  }

  void only_keys(const Json& object, const std::set<std::string>& known,
                 const std::string& where) const {
    for (const auto& [key, value] : object.items())
      if (!known.contains(key))
        throw fail("unknown field '" + key + "'" + (where.empty() ? "" : " in " + where));
  }

  const Json& array(const Json& value, const std::string& what) const {
    if (!value.is_array()) throw fail("'" + what + "' must be a list");
    return value;
  }

  float dropout(const Json& value) const {
    if (!value.is_number()) throw fail("'dropout' must be a number");
    return value.get<float>();
  }
};

// Files written before architectures were configurable: the paper's layer stack with
// configurable widths.
Architecture read_legacy(const Json& json, const Reader& in) {
  in.only_keys(json, {"lstm1", "lstm2", "dense1", "dense2", "max_len", "dropout"}, "");
  Architecture arch;
  for (int k = 0; k < 2; ++k) {
    const std::string key = "lstm" + std::to_string(k + 1);
    if (const auto it = json.find(key); it != json.end())
      arch.recurrent[k].units = in.positive(*it, key);
    const std::string dense = "dense" + std::to_string(k + 1);
    if (const auto it = json.find(dense); it != json.end()) arch.dense[k] = in.positive(*it, dense);
  }
  if (const auto it = json.find("max_len"); it != json.end())
    arch.max_len = in.positive(*it, "max_len");
  if (const auto it = json.find("dropout"); it != json.end()) arch.dropout = in.dropout(*it);
  return arch;
}

Architecture read_current(const Json& json, const Reader& in) {
  in.only_keys(json, {"input", "conv", "recurrent", "attention", "dense", "max_len", "dropout"},
               "");
  Architecture arch;
  if (const auto it = json.find("input"); it != json.end()) {
    const std::string mode = it->is_string() ? it->get<std::string>() : "";
    if (mode == "both")
      arch.input = InputMode::kBoth;
    else if (mode == "sequence")
      arch.input = InputMode::kSequence;
    else if (mode == "structure")
      arch.input = InputMode::kStructure;
    else if (mode == "both+energy")
      arch.input = InputMode::kBothEnergy;
    else if (mode == "both+pairing")
      arch.input = InputMode::kBothPairing;
    else
      throw in.fail(
          "'input' must be \"both\", \"sequence\", \"structure\", \"both+energy\" or "
          "\"both+pairing\"");
  }
  if (const auto it = json.find("conv"); it != json.end()) {
    arch.conv.clear();
    for (const Json& layer : in.array(*it, "conv")) {
      if (!layer.is_object()) throw in.fail("every 'conv' layer must be an object");
      in.only_keys(layer, {"filters", "width"}, "a conv layer");
      ConvLayer c;
      if (!layer.contains("filters") || !layer.contains("width"))
        throw in.fail("every 'conv' layer needs 'filters' and 'width'");
      c.filters = in.positive(layer["filters"], "filters");
      c.width = in.positive(layer["width"], "width");
      arch.conv.push_back(c);
    }
  }
  if (const auto it = json.find("recurrent"); it != json.end()) {
    arch.recurrent.clear();
    for (const Json& layer : in.array(*it, "recurrent")) {
      if (!layer.is_object()) throw in.fail("every 'recurrent' layer must be an object");
      in.only_keys(layer, {"units", "bidirectional"}, "a recurrent layer");
      if (!layer.contains("units")) throw in.fail("every 'recurrent' layer needs 'units'");
      RecurrentLayer r;
      r.units = in.positive(layer["units"], "units");
      if (layer.contains("bidirectional"))
        r.bidirectional = in.boolean(layer["bidirectional"], "bidirectional");
      arch.recurrent.push_back(r);
    }
  }
  if (const auto it = json.find("attention"); it != json.end())
    arch.attention = in.boolean(*it, "attention");
  if (const auto it = json.find("dense"); it != json.end()) {
    arch.dense.clear();
    for (const Json& width : in.array(*it, "dense"))
      arch.dense.push_back(in.positive(width, "dense"));
  }
  if (const auto it = json.find("max_len"); it != json.end())
    arch.max_len = in.positive(*it, "max_len");
  if (const auto it = json.find("dropout"); it != json.end()) arch.dropout = in.dropout(*it);
  return arch;
}

}  // namespace

int input_width(InputMode mode) {
  switch (mode) {
    case InputMode::kSequence:
    case InputMode::kStructure:
      return 4;
    case InputMode::kBothEnergy:
      return encode::kInputDim + encode::kEnergyEdges;
    case InputMode::kBothPairing:
      return encode::kInputDim + encode::kPairingLevels;
    case InputMode::kBoth:
      break;
  }
  return encode::kInputDim;
}

int feature_width(const Architecture& arch) {
  if (!arch.recurrent.empty()) {
    const RecurrentLayer& last = arch.recurrent.back();
    return last.bidirectional ? 2 * last.units : last.units;
  }
  if (!arch.conv.empty()) return arch.conv.back().filters;
  return input_width(arch.input);
}

std::string_view input_mode_name(InputMode mode) {
  switch (mode) {
    case InputMode::kSequence:
      return "sequence";
    case InputMode::kStructure:
      return "structure";
    case InputMode::kBothEnergy:
      return "both+energy";
    case InputMode::kBothPairing:
      return "both+pairing";
    case InputMode::kBoth:
      break;
  }
  return "both";
}

void validate(const Architecture& arch) {
  const auto fail = [](const std::string& problem) {
    return Error("network architecture: " + problem);
  };
  if (arch.conv.empty() && arch.recurrent.empty())
    throw fail("needs at least one conv or recurrent layer");
  if (!(arch.dropout >= 0.0f && arch.dropout < 1.0f)) throw fail("dropout must be in [0, 1)");
  if (arch.max_len <= 0 || arch.max_len > kMaxWidth) throw fail("max_len must be positive");
  for (const ConvLayer& c : arch.conv)
    if (c.filters <= 0 || c.filters > kMaxWidth || c.width <= 0 || c.width > kMaxWidth)
      throw fail("conv filters and width must be positive");
  for (const RecurrentLayer& r : arch.recurrent)
    if (r.units <= 0 || r.units > kMaxWidth) throw fail("recurrent units must be positive");
  for (int d : arch.dense)
    if (d <= 0 || d > kMaxWidth) throw fail("dense widths must be positive");
  const auto too_large = [&] {
    return fail("more than " + std::to_string(static_cast<long long>(kMaxParameters)) +
                " parameters");
  };
  // The flatten reader alone has at least this many weights; checking it first keeps every
  // shape of the layer list within int.
  if (static_cast<double>(arch.max_len) * feature_width(arch) > kMaxParameters) throw too_large();
  double parameters = 0;
  for (const LayerSpec& layer : unchecked_layer_specs(arch))
    for (const TensorSpec& t : layer.tensors) {
      double size = 1;
      for (int d : t.param.shape) size *= d;
      parameters += size;
    }
  if (parameters > kMaxParameters) throw too_large();
}

std::string architecture_to_json(const Architecture& arch) {
  Json conv = Json::array();
  for (const ConvLayer& c : arch.conv) conv.push_back({{"filters", c.filters}, {"width", c.width}});
  Json recurrent = Json::array();
  for (const RecurrentLayer& r : arch.recurrent)
    recurrent.push_back({{"units", r.units}, {"bidirectional", r.bidirectional}});
  Json json = {{"input", std::string(input_mode_name(arch.input))},
               {"conv", conv},
               {"recurrent", recurrent},
               {"attention", arch.attention},
               {"dense", arch.dense},
               {"max_len", arch.max_len},
               {"dropout", shortest_decimal(arch.dropout)}};
  return json.dump();
}

Architecture architecture_from_json(std::string_view text, const std::string& source) {
  const Reader in{source};
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::exception& e) {
    // parse_error, and out_of_range for a number beyond double (1e400).
    throw in.fail(std::string("invalid JSON: ") + e.what());
  }
  if (!json.is_object()) throw in.fail("not a JSON object");
  const bool legacy = json.contains("lstm1") || json.contains("lstm2") || json.contains("dense1") ||
                      json.contains("dense2");
  const Architecture arch = legacy ? read_legacy(json, in) : read_current(json, in);
  try {
    validate(arch);
  } catch (const Error& e) {
    throw in.fail(e.what());
  }
  return arch;
}

Architecture architecture_from_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw Error(path + ": cannot open architecture config");
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) throw Error(path + ": cannot read architecture config");
  return architecture_from_json(text.str(), path);
}

}  // namespace mirgene::nn
