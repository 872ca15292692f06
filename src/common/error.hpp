#pragma once
// The one exception type the library throws for bad input or unusable files.
// The CLI catches it per record (or per file) and prints "error: <what>".
#include <stdexcept>
#include <string>

namespace mirgene {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace mirgene
