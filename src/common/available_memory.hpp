#pragma once
// Memory this process may still use: MemAvailable from /proc/meminfo (page cache the kernel can
// drop counts as available), else sysconf's free pages, else "unlimited". Work whose size is
// known in advance (folding tables, network training) is checked against it before it starts.
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <string>

namespace mirgene {

inline std::size_t available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::size_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") return kib * 1024;
  }
  const long pages = sysconf(_SC_AVPHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0) {
    return static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size);
  }
  return static_cast<std::size_t>(-1);
}

// Bytes in GiB with 3 significant digits ("14", "0.5", "1.23e+03").
inline std::string gib_text(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", bytes / (1024.0 * 1024 * 1024));
  return text;
}

}  // namespace mirgene
