#pragma once
// The pairs of a dot-bracket structure, read one way for energy evaluation, decoy excision
// and the report's drawing.
#include <string_view>
#include <vector>

namespace mirgene::fold {

// partner[i] = 0-based index of the base paired with base i, or -1 when i is unpaired.
// Brackets pair; the characters in `unpaired` stand for unpaired bases ("." by default; the
// report also reads ':', the encoder's mark of hairpin-loop bases). Throws mirgene::Error
// "structure: unbalanced ')' at position N", "... '(' ..." or "structure: unexpected character
// 'c' at position N (only ...)".
std::vector<int> pair_table(std::string_view structure, std::string_view unpaired = ".");

}  // namespace mirgene::fold
