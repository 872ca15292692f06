#pragma once
// Sequences handed over from Python become the FASTA text `mirgene predict -` would read:
// one record per sequence (">ID" line, then the sequence on one line), so that the library's
// FASTA reader checks them and every message is the CLI's own. Record k (1-based) is on
// lines 2k-1 and 2k; a column is a position in the sequence.
#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "predict/sequence_source.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::python {

// The name messages give the sequences of one call, in place of a file name.
inline constexpr const char* kInputName = "<input>";

// The FASTA text of `ids` and `seqs` (equally long). Line ends inside a sequence are dropped
// (the reader would drop them too); an id holding a line end is refused with mirgene::Error.
std::string fasta_text(const std::vector<std::string>& ids, const std::vector<std::string>& seqs);

// One sequence read back through the FASTA reader: the record as the CLI would see it (T read
// as U). Throws mirgene::Error with the reader's message when the sequence is not valid.
seqio::Record checked_record(const std::string& id, const std::string& seq);

// A SequenceSource over FASTA text held in memory. When `check_interrupt` is set it is called
// every few hundred items on the pulling thread; it returns true to end the stream early
// (Ctrl-C in Python).
class FastaTextSource final : public predict::SequenceSource {
 public:
  FastaTextSource(std::string text, std::string name);
  bool next(seqio::ReadResult& item) override;
  void rethrow_input_error() const override;
  const std::string& name() const override { return name_; }

 private:
  std::istringstream stream_;
  std::unique_ptr<seqio::FastaReader> reader_;
  std::string name_;
  std::exception_ptr input_error_;
};

}  // namespace mirgene::python
