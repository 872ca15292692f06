#include "reproduce/machine.hpp"

#include <cmath>
#include <fstream>
#include <string>
#include <thread>

namespace mirgene::reproduce {
namespace {

// The value after "key" and the separator on the first line of `path` that starts with key.
std::string field(const char* path, const std::string& key, char separator) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(key)) continue;
    const auto at = line.find(separator);
    if (at == std::string::npos) continue;
    std::string value = line.substr(at + 1);
    const auto first = value.find_first_not_of(" \t\"");
    const auto last = value.find_last_not_of(" \t\"");
    return first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  }
  return {};
}

}  // namespace

nlohmann::ordered_json describe_machine() {
  nlohmann::ordered_json m;
  m["cpus"] = std::thread::hardware_concurrency();
  if (std::string cpu = field("/proc/cpuinfo", "model name", ':'); !cpu.empty()) m["cpu"] = cpu;
  if (std::string mem = field("/proc/meminfo", "MemTotal", ':'); !mem.empty()) {
    const double kib = std::stod(mem);
    m["memory_gib"] = std::round(kib / (1024.0 * 1024.0) * 10) / 10;
  }
  if (std::string os = field("/etc/os-release", "PRETTY_NAME", '='); !os.empty()) m["os"] = os;
  return m;
}

}  // namespace mirgene::reproduce
