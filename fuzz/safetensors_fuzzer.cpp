// libFuzzer harness: the safetensors reader (model and ensemble files) on any bytes. A file
// is either read whole or refused with mirgene::Error naming it; any other exception (such
// as nlohmann's out_of_range for a header number beyond double) is a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/error.hpp"
#include "nn/safetensors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const mirgene::nn::TensorFileContents contents = mirgene::nn::parse_safetensors(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.safetensors");
    for (const auto& tensor : contents.tensors) {
      std::size_t elements = 1;
      for (const auto d : tensor.shape) elements *= static_cast<std::size_t>(d);
      if (elements != tensor.values.size()) __builtin_trap();
    }
  } catch (const mirgene::Error&) {
  }
  return 0;
}
