#pragma once
// Which sequences share a long stretch with a known pre-miRNA. Antisense decoys need it: a few
// miRNA loci are transcribed and processed from both strands (mirror miRNAs, such as the
// mir-iab-4/mir-iab-8 pair of Drosophila), so the reverse complement of one pre-miRNA can be
// another pre-miRNA, and must not become a negative.
#include <string>
#include <string_view>
#include <unordered_set>

namespace mirgene::decoys {

// 40 nt: longer than any perfectly paired run of a pre-miRNA's own stem, so a hairpin's
// reverse complement never matches itself through its two arms (checked on miRBoost: no
// positive's antisense shares 40 nt with that positive alone, 40 share it with another).
inline constexpr int kSharedStretch = 40;

class StretchIndex {
 public:
  explicit StretchIndex(int stretch = kSharedStretch);
  // Remembers every stretch of `rna` (upper case, U for T); sequences shorter than the stretch
  // are remembered whole and matched by containment.
  void add(std::string_view rna);
  // True when `rna` holds a remembered stretch, or contains a remembered short sequence.
  bool shares(std::string_view rna) const;
  int stretch() const { return stretch_; }

 private:
  int stretch_;
  std::unordered_set<std::string> stretches_;
  std::unordered_set<std::string> short_ones_;
};

}  // namespace mirgene::decoys
