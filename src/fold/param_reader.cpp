// Strict reader of ViennaRNA v2.0 parameter files: every section must be known, appear at
// most once and hold exactly the expected number of values; anything unexpected is an
// error that names the file, the section and the line.
#include <charconv>
#include <cstdlib>
#include <istream>
#include <optional>
#include <set>
#include <sstream>

#include "common/error.hpp"
#include "fold/param_sections.hpp"

namespace mirgene::fold {
namespace {

constexpr std::string_view kHeader = "## RNAfold parameter file v2.0";

enum class SectionKind { Integers, Misc, SpecialLoops };

struct SectionRule {
  std::string name;
  SectionKind kind;
  int count;  // values (Integers, Misc) or key length (SpecialLoops)
  bool used;  // stored; otherwise (enthalpies) only checked
  bool required;
};

constexpr int kMiscCount = 6;
constexpr int kMiscRealPosition = 4;

const std::vector<SectionRule>& section_rules() {
  static const std::vector<SectionRule> rules = [] {
    std::vector<SectionRule> r;
    for (const SectionShape& shape : used_integer_sections()) {
      r.push_back({std::string(shape.name), SectionKind::Integers, shape.count, true, true});
      // The enthalpy sections serve other temperatures: optional, checked, not stored.
      // ML_params and NINIO carry their enthalpies inline.
      if (shape.name != "ML_params" && shape.name != "NINIO") {
        r.push_back({std::string(shape.name) + "_enthalpies", SectionKind::Integers, shape.count,
                     false, false});
      }
    }
    r.push_back({"Misc", SectionKind::Misc, kMiscCount, true, true});
    r.push_back({"Tetraloops", SectionKind::SpecialLoops, 6, true, true});
    r.push_back({"Triloops", SectionKind::SpecialLoops, 5, true, true});
    r.push_back({"Hexaloops", SectionKind::SpecialLoops, 8, true, true});
    return r;
  }();
  return rules;
}

const SectionRule* find_rule(std::string_view name) {
  for (const SectionRule& rule : section_rules()) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> tokens;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto start = s.find_first_not_of(" \t\r", pos);
    if (start == std::string_view::npos) break;
    auto end = s.find_first_of(" \t\r", start);
    if (end == std::string_view::npos) end = s.size();
    tokens.push_back(s.substr(start, end - start));
    pos = end;
  }
  return tokens;
}

std::optional<int> parse_int_token(std::string_view token) {
  if (token == "DEF") return kDef;
  if (token == "INF") return kInf;
  std::string_view digits = token;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  int value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
    return std::nullopt;
  }
  return value;
}

// Every value of a real parameter set lies within +-kMaxParamMagnitude (Turner 2004's largest
// is 3070, an enthalpy); INF (kInf) marks loops that cannot occur. Values beyond that range
// would overflow the folder's integer sums over long sequences (all values at -10^7 did).
constexpr int kMaxParamMagnitude = 5000;

std::optional<std::string> range_problem(int value) {
  if (value == kInf || value == kDef) return std::nullopt;
  if (value >= -kMaxParamMagnitude && value <= kMaxParamMagnitude) return std::nullopt;
  return "value " + std::to_string(value) + " is out of range (energies are within +-" +
         std::to_string(kMaxParamMagnitude) + " dcal/mol, or INF)";
}

std::optional<double> parse_real_token(std::string_view token) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc() || end != token.data() + token.size() || token.empty()) {
    return std::nullopt;
  }
  return value;
}

class Reader {
 public:
  Reader(std::istream& in, const std::string& source) : in_(in), source_(source) {}

  ParamSections read() {
    std::string raw;
    if (!std::getline(in_, raw))
      fail("empty input, expected the header '" + std::string(kHeader) + "'");
    line_no_ = 1;
    if (trim(raw) != kHeader) fail("expected the header '" + std::string(kHeader) + "'");
    while (std::getline(in_, raw)) {
      ++line_no_;
      read_line(raw);
    }
    if (!ended_) {
      finish_section();
      fail("missing '# END'");
    }
    for (const SectionRule& rule : section_rules()) {
      if (rule.required && !seen_.count(rule.name)) {
        fail_at_end("missing section '# " + rule.name + "'");
      }
    }
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    std::ostringstream msg;
    msg << source_ << ": line " << line_no_;
    if (current_) msg << ", section '# " << current_->name << "'";
    msg << ": " << problem;
    throw Error(msg.str());
  }

  [[noreturn]] void fail_at_end(const std::string& problem) const {
    throw Error(source_ + ": " + problem);
  }

  void read_line(std::string_view line) {
    if (ended_) {
      if (!trim(line).empty()) fail("unexpected text after '# END'");
      return;
    }
    if (!line.empty() && line.front() == '#') {
      finish_section();
      start_section(trim(line.substr(1)));
      return;
    }
    const std::string text = strip_comments(line);
    if (trim(text).empty()) return;
    if (!current_) fail("values outside any section");
    if (current_->kind == SectionKind::SpecialLoops) {
      read_special_loop(text);
    } else {
      for (std::string_view token : split_ws(text)) read_value(token);
    }
  }

  std::string strip_comments(std::string_view line) const {
    std::string out;
    std::size_t pos = 0;
    while (pos < line.size()) {
      const auto open = line.find("/*", pos);
      if (open == std::string_view::npos) {
        out.append(line.substr(pos));
        break;
      }
      const auto close = line.find("*/", open + 2);
      if (close == std::string_view::npos) fail("unterminated comment");
      out.append(line.substr(pos, open - pos));
      out.push_back(' ');
      pos = close + 2;
    }
    if (out.find("*/") != std::string::npos) fail("'*/' without '/*'");
    return out;
  }

  void start_section(std::string_view name) {
    if (name == "END") {
      ended_ = true;
      return;
    }
    const SectionRule* rule = find_rule(name);
    if (!rule) fail("unknown section '# " + std::string(name) + "'");
    if (!seen_.insert(std::string(name)).second) {
      fail("section '# " + std::string(name) + "' appears twice");
    }
    current_ = rule;
    count_ = 0;
    section_line_ = line_no_;
    values_.clear();
  }

  void finish_section() {
    if (!current_) return;
    if (current_->kind != SectionKind::SpecialLoops && count_ != current_->count) {
      fail("has " + std::to_string(count_) + " values, expected " +
           std::to_string(current_->count) + " (section starts at line " +
           std::to_string(section_line_) + ")");
    }
    if (current_->used && current_->kind != SectionKind::SpecialLoops) {
      out_.values[current_->name] = values_;
    }
    current_ = nullptr;
  }

  void read_value(std::string_view token) {
    if (count_ >= current_->count) {
      fail("more than " + std::to_string(current_->count) + " values (extra '" +
           std::string(token) + "')");
    }
    if (current_->kind == SectionKind::Misc && count_ == kMiscRealPosition) {
      const auto real = parse_real_token(token);
      if (!real) fail("bad number '" + std::string(token) + "'");
      // from_chars accepts "nan" and "inf"; the loop extrapolation multiplies by this value.
      if (!(*real >= -kMaxParamMagnitude && *real <= kMaxParamMagnitude))
        fail("value " + std::string(token) + " is out of range (within +-" +
             std::to_string(kMaxParamMagnitude) + ")");
      out_.lxc = *real;
    } else {
      const auto value = parse_int_token(token);
      if (!value) fail("bad value '" + std::string(token) + "'");
      if (const auto problem = range_problem(*value)) fail(*problem);
      values_.push_back(*value);
    }
    ++count_;
  }

  void read_special_loop(std::string_view text) {
    const auto tokens = split_ws(text);
    if (tokens.size() != 3) fail("expected 'SEQUENCE energy enthalpy'");
    const std::string_view key = tokens[0];
    if (static_cast<int>(key.size()) != current_->count) {
      fail("loop '" + std::string(key) + "' should have " + std::to_string(current_->count) +
           " bases");
    }
    if (key.find_first_not_of("ACGU") != std::string_view::npos) {
      fail("loop '" + std::string(key) + "' has a base other than A, C, G, U");
    }
    const auto energy = parse_int_token(tokens[1]);
    const auto enthalpy = parse_int_token(tokens[2]);
    if (!energy) fail("bad value '" + std::string(tokens[1]) + "'");
    if (!enthalpy) fail("bad value '" + std::string(tokens[2]) + "'");
    for (const int value : {*energy, *enthalpy})
      if (const auto problem = range_problem(value)) fail(*problem);
    SpecialHairpin loop{std::string(key), *energy, *enthalpy};
    if (current_->name == "Tetraloops") out_.tetraloops.push_back(loop);
    if (current_->name == "Triloops") out_.triloops.push_back(loop);
    if (current_->name == "Hexaloops") out_.hexaloops.push_back(loop);
  }

  std::istream& in_;
  const std::string& source_;
  ParamSections out_;
  std::set<std::string> seen_;
  const SectionRule* current_ = nullptr;
  std::vector<int> values_;
  int count_ = 0;
  int line_no_ = 0;
  int section_line_ = 0;
  bool ended_ = false;
};

}  // namespace

ParamSections read_param_sections(std::istream& in, const std::string& source_name) {
  return Reader(in, source_name).read();
}

}  // namespace mirgene::fold
