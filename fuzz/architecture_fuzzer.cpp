// libFuzzer harness: the architecture JSON reader (--arch files and model headers). A text
// is either an architecture that validates, writes and reads back to itself, or refused
// with mirgene::Error; any other exception is a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "nn/architecture.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mirgene::nn;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Architecture arch;
  try {
    arch = architecture_from_json(text, "fuzz.json");
  } catch (const mirgene::Error&) {
    return 0;
  }
  // What was accepted must survive its own written form.
  const Architecture again = architecture_from_json(architecture_to_json(arch), "written");
  if (!(again == arch)) __builtin_trap();
  return 0;
}
