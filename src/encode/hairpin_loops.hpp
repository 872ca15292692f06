#pragma once
// Marks the unpaired bases of hairpin loops in a dot-bracket string.
//
// deepMiRGene's reference implementation finds hairpin loops with the regular expression
// \(+(\.+)\)+ (Python re.finditer: leftmost, greedy, non-overlapping) and turns every dot of
// the captured group into ':'. These functions reproduce that result exactly with one linear
// scan, without a regex engine (std::regex is slow and recurses per character).
#include <span>
#include <string>
#include <string_view>

namespace mirgene::encode {

// Rewrites `structure` in place: every run of '.' that directly follows a run of '(' and is
// directly followed by ')' becomes ':'. Other characters are left untouched, so a structure
// that is already marked stays the same (the function is idempotent).
void mark_hairpin_loops_in_place(std::span<char> structure);

// Copying form of mark_hairpin_loops_in_place.
std::string mark_hairpin_loops(std::string_view dot_bracket);

}  // namespace mirgene::encode
