#pragma once
// A run whose output did not reach its destination (a full disk, a closed file, an I/O
// error) must not end as a success. A closed pipe (`| head`) ends the process through
// SIGPIPE before this is reached, quietly, as Unix tools do.
#include <cerrno>
#include <cstring>
#include <ostream>
#include <string>

#include "common/error.hpp"

namespace mirgene {

// Throws mirgene::Error "writing WHAT failed (REASON)" when `out` has failed.
inline void ensure_written(std::ostream& out, const std::string& what = "standard output") {
  if (out) return;
  const int reason = errno;
  throw Error("writing " + what + " failed" +
              (reason != 0 ? " (" + std::string(std::strerror(reason)) + ")" : std::string()));
}

// Flushes `out`, then as ensure_written.
inline void ensure_flushed(std::ostream& out, const std::string& what = "standard output") {
  errno = 0;
  out.flush();
  ensure_written(out, what);
}

}  // namespace mirgene
