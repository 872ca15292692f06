#pragma once
// What the results were measured on, for the record beside every timing.
#include <nlohmann/json.hpp>

namespace mirgene::reproduce {

// {"cpus": 2, "cpu": "...", "memory_gib": 23.4, "os": "Debian GNU/Linux 12 (bookworm)"};
// fields that cannot be read (not Linux) are left out.
nlohmann::ordered_json describe_machine();

}  // namespace mirgene::reproduce
