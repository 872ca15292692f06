#include "decoys/shared_stretches.hpp"

#include "common/error.hpp"

namespace mirgene::decoys {

StretchIndex::StretchIndex(int stretch) : stretch_(stretch) {
  if (stretch < 1) throw Error("decoys: the shared stretch must be at least 1 nt");
}

void StretchIndex::add(std::string_view rna) {
  const std::size_t k = static_cast<std::size_t>(stretch_);
  if (rna.size() < k) {
    if (!rna.empty()) short_ones_.emplace(rna);
    return;
  }
  for (std::size_t i = 0; i + k <= rna.size(); ++i) stretches_.emplace(rna.substr(i, k));
}

bool StretchIndex::shares(std::string_view rna) const {
  const std::size_t k = static_cast<std::size_t>(stretch_);
  std::string piece;
  for (std::size_t i = 0; i + k <= rna.size(); ++i) {
    piece.assign(rna.substr(i, k));
    if (stretches_.contains(piece)) return true;
  }
  for (const std::string& s : short_ones_)
    if (rna.find(s) != std::string_view::npos) return true;
  return false;
}

}  // namespace mirgene::decoys
