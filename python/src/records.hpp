#pragma once
// Sequences handed over from Python become the FASTA text `mirgene predict -` would read:
// one record per sequence (">ID" line, then the sequence on one line), so that the library's
// FASTA reader checks them and every message is the CLI's own. Record k (1-based) is on
// lines 2k-1 and 2k; a column is a position in the sequence.
#include <string>
#include <vector>

#include "predict/fasta_source.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::python {

// The name messages give the sequences of one call, in place of a file name.
inline constexpr const char* kInputName = "<input>";

// Appends record `number` (1-based) to FASTA text: ">ID", then the sequence on one line.
void append_fasta_record(std::string& text, std::size_t number, const std::string& id,
                         const std::string& seq);

// The FASTA text of `ids` and `seqs` (equally long). Line ends inside a sequence are dropped
// (the reader would drop them too); an id holding a line end is refused with mirgene::Error.
std::string fasta_text(const std::vector<std::string>& ids, const std::vector<std::string>& seqs);

// One sequence read back through the FASTA reader: the record as the CLI would see it (T read
// as U). Throws mirgene::Error with the reader's message when the sequence is not valid.
seqio::Record checked_record(const std::string& id, const std::string& seq);

// The FASTA text of `ids` and `seqs` (fasta_text) as a source read by the library's
// FastaSource, named kInputName in messages.
predict::FastaSource text_source(const std::vector<std::string>& ids,
                                 const std::vector<std::string>& seqs);

}  // namespace mirgene::python
