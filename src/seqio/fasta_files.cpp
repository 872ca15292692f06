#include "seqio/fasta_files.hpp"

#include <filesystem>

namespace mirgene::seqio {

std::string fasta_file(const std::string& stem) {
  std::error_code ignored;
  const std::string plain = stem + ".fa";
  if (std::filesystem::is_regular_file(plain, ignored)) return plain;
  const std::string compressed = plain + ".gz";
  if (std::filesystem::is_regular_file(compressed, ignored)) return compressed;
  return plain;
}

std::string_view fasta_stem(std::string_view file_name) {
  for (const std::string_view ending : {".fa.gz", ".fa"}) {
    if (file_name.size() > ending.size() && file_name.ends_with(ending))
      return file_name.substr(0, file_name.size() - ending.size());
  }
  return {};
}

}  // namespace mirgene::seqio
