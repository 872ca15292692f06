#pragma once
// The records of a FASTA file (plain or gzip, "-" for standard input), or of any stream
// holding FASTA text (the Python module's sequences), as a SequenceSource.
#include <exception>
#include <istream>
#include <memory>
#include <string>

#include "predict/sequence_source.hpp"

namespace mirgene::predict {

class FastaSource final : public SequenceSource {
 public:
  // Throws mirgene::Error when the file cannot be opened.
  explicit FastaSource(const std::string& path);
  // Reads `in` (plain or gzip FASTA), naming it `name` in messages.
  FastaSource(std::unique_ptr<std::istream> in, const std::string& name);

  bool next(seqio::ReadResult& item) override;
  void rethrow_input_error() const override;
  const std::string& name() const override { return name_; }

 private:
  std::unique_ptr<std::istream> stream_;  // empty when the reader opened the file itself
  std::unique_ptr<seqio::FastaReader> reader_;
  std::string name_;
  std::exception_ptr input_error_;
};

// The name messages give an input path: "<stdin>" for "-".
std::string input_name(const std::string& path);

}  // namespace mirgene::predict
