// The folder's fill against a plain transcription of its recursions (C, M, F of
// mfe.cpp's header comment, pairs limited to a span or not), written with none of the
// folder's speed-ups: every interior loop (k,l) visited one by one with interior_energy,
// every multiloop split summed, no padding, no vector blocks, no window rows. The MFE must
// be the same for every sequence and span, near the diagonal (j - i < 36, where the
// folder masks loop shapes) as far from it, and with a Folder reused across lengths and
// spans (its scratch then holds another fold's values).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "fold/alphabet.hpp"
#include "fold/loop_energy.hpp"
#include "fold/mfe.hpp"
#include "fold/pair_table.hpp"
#include "fold/structure_energy.hpp"
#include "support/folding.hpp"

namespace mirgene::fold {
namespace {

constexpr int kNone = 1 << 29;  // no structure

// MFE of seq with pairs spanning at most `span` nt (0: no limit), by the plain recursions.
int reference_mfe(const std::string& seq, int span) {
  const EnergyParams& p = turner2004();
  const int n = static_cast<int>(seq.size());
  if (n <= 3) return 0;
  const int widest = span <= 0 ? n : std::max(span, 5);
  std::string bases(n + 2, ' ');
  std::vector<int> codes(n + 2, kBaseN);
  for (int x = 1; x <= n; ++x) {
    bases[x] = normalized_base(seq[x - 1]);
    codes[x] = base_code(seq[x - 1]);
  }
  codes[0] = codes[n];  // the wrap-around of the folder and RNAfold
  codes[n + 1] = codes[1];
  const auto type = [&](int x, int y) { return pair_type(codes[x], codes[y]); };
  const auto at = [n](int i, int j) { return static_cast<std::size_t>(i) * (n + 2) + j; };
  std::vector<int> c((n + 2) * (n + 2), kNone), m((n + 2) * (n + 2), kNone);
  for (int i = n; i >= 1; --i) {
    for (int j = i + 4; j <= n && j - i + 1 <= widest; ++j) {
      int best = kNone;
      const int t = type(i, j);
      if (t != kNoPair) {
        best = hairpin_energy(p, t, j - i - 1, codes[i + 1], codes[j - 1],
                              std::string_view(bases).substr(i, j - i + 1));
        for (int k = i + 1; k - i - 1 <= kMaxLoop; ++k) {
          for (int l = j - 1; l - k >= 4 && (k - i - 1) + (j - l - 1) <= kMaxLoop; --l) {
            if (c[at(k, l)] >= kNone) continue;
            const int e = interior_energy(p, t, type(l, k), k - i - 1, j - l - 1, codes[i + 1],
                                          codes[j - 1], codes[k - 1], codes[l + 1]);
            best = std::min(best, e + c[at(k, l)]);
          }
        }
        for (int u = i + 1; u < j - 1; ++u) {
          if (m[at(i + 1, u)] >= kNone || m[at(u + 1, j - 1)] >= kNone) continue;
          best =
              std::min(best, m[at(i + 1, u)] + m[at(u + 1, j - 1)] +
                                 multi_closing_energy(p, type(j, i), codes[j - 1], codes[i + 1]));
        }
      }
      c[at(i, j)] = best;
      int multi = kNone;
      if (best < kNone) {
        multi = best + multi_stem_energy(p, t, codes[i - 1], codes[j + 1]);
      }
      if (m[at(i + 1, j)] < kNone) multi = std::min(multi, m[at(i + 1, j)] + p.ml_base);
      if (m[at(i, j - 1)] < kNone) multi = std::min(multi, m[at(i, j - 1)] + p.ml_base);
      for (int u = i; u < j; ++u) {
        if (m[at(i, u)] >= kNone || m[at(u + 1, j)] >= kNone) continue;
        multi = std::min(multi, m[at(i, u)] + m[at(u + 1, j)]);
      }
      m[at(i, j)] = multi;
    }
  }
  std::vector<int> f(n + 1, 0);
  for (int j = 1; j <= n; ++j) {
    f[j] = f[j - 1];
    for (int k = 1; k <= j - 4; ++k) {
      if (c[at(k, j)] >= kNone) continue;
      const int five = k > 1 ? codes[k - 1] : kNoNeighbour;
      const int three = j < n ? codes[j + 1] : kNoNeighbour;
      f[j] =
          std::min(f[j], f[k - 1] + c[at(k, j)] + exterior_stem_energy(p, type(k, j), five, three));
    }
  }
  return f[n];
}

using test::random_sequence;
using test::widest_pair;

void expect_same_as_reference(Folder& folder, const std::string& seq, int span) {
  folder.set_max_span(span);
  const FoldResult r = folder.fold(seq);
  EXPECT_EQ(r.energy, reference_mfe(seq, span)) << seq << " span " << span;
  EXPECT_EQ(structure_energy(turner2004(), seq, r.structure).energy, r.energy) << seq;
  if (span > 0) {
    EXPECT_LE(widest_pair(r.structure), std::max(span, 5)) << seq;
  }
}

TEST(MfeRecursions, UnlimitedFoldsMatchThePlainRecursions) {
  std::mt19937 rng(21);
  Folder folder;
  for (int t = 0; t < 60; ++t) {
    // Lengths across the near/far boundary of the interior search (j - i = 36).
    const int n = 4 + static_cast<int>(rng() % 110);
    const std::string_view alphabet = t % 3 == 0 ? "GCGCAU" : (t % 3 == 1 ? "ACGU" : "ACGUNacgtX");
    expect_same_as_reference(folder, random_sequence(rng, n, alphabet), 0);
  }
}

TEST(MfeRecursions, BandedFoldsMatchThePlainRecursions) {
  std::mt19937 rng(22);
  Folder folder;  // reused: lengths and spans change from one fold to the next
  for (int t = 0; t < 60; ++t) {
    const int n = 20 + static_cast<int>(rng() % 140);
    const int span = 3 + static_cast<int>(rng() % 80);
    const std::string_view alphabet = t % 2 == 0 ? "ACGU" : "GGCCAUUN";
    expect_same_as_reference(folder, random_sequence(rng, n, alphabet), span);
  }
}

TEST(MfeRecursions, HairpinsLongerThanTheLoopTables) {
  // Hairpin loops of more than 30 unpaired bases take the extrapolated length term.
  std::mt19937 rng(23);
  Folder folder;
  for (int loop = 28; loop <= 70; loop += 6) {
    const std::string stem = random_sequence(rng, 6, "GC");
    std::string other(stem.rbegin(), stem.rend());
    for (char& ch : other) ch = ch == 'G' ? 'C' : 'G';
    expect_same_as_reference(folder, stem + std::string(loop, 'A') + other, 0);
    expect_same_as_reference(folder, stem + std::string(loop, 'A') + other, loop + 12);
  }
}

}  // namespace
}  // namespace mirgene::fold
