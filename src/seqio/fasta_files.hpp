#pragma once
// Names of FASTA files in a data layout (the miRBoost benchmark, prepared CV folds) whose
// files may be stored plain (NAME.fa) or gzip-compressed (NAME.fa.gz), as the repository
// keeps them. The readers take either; these functions only pick the name.
#include <string>
#include <string_view>

namespace mirgene::seqio {

// STEM + ".fa" when that file exists, else STEM + ".fa.gz" when that one exists, else
// STEM + ".fa" (the name a "missing file" message shows).
std::string fasta_file(const std::string& stem);

// The file name without its ".fa" or ".fa.gz" ending, or "" when it has neither.
std::string_view fasta_stem(std::string_view file_name);

}  // namespace mirgene::seqio
