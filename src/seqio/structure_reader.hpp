#pragma once
// Reader for sequence + structure pairs, the input of `mirgene energy` (as RNAeval takes it):
// an optional '>' header line, a sequence line, then a dot-bracket line. A trailing
// " (energy)" on the structure line, as fold prints it, is ignored, so fold's output can be
// fed back to eval. gzip input is decompressed (seqio::ByteInput); truncated or corrupt
// gzip data throws mirgene::Error from next().
#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>

namespace mirgene::seqio {

struct StructureRecord {
  std::string header;     // text after '>' ("" when the record had no header)
  std::string id;         // header up to the first blank, or "#<number>" without header
  std::string seq;        // as given, T read as U (case kept)
  std::string structure;  // dot-bracket, same length as seq
  std::size_t number = 0;  // 1-based
  std::size_t line = 0;    // line of the sequence
};

struct StructureReadResult {
  StructureRecord record;
  std::optional<std::string> error;  // "FILE:LINE: record 'ID' (#N): problem"
};

class StructureReader {
 public:
  StructureReader(std::istream& in, std::string source_name);
  static std::unique_ptr<StructureReader> open(const std::string& path);  // "-" = stdin
  bool next(StructureReadResult& out);  // false at end of input

 private:
  bool next_line(std::string& line);
  std::unique_ptr<std::istream> owned_;    // the file open() opened
  std::unique_ptr<std::istream> decoded_;  // reads the input through ByteInput
  std::istream* in_;
  std::string source_;
  std::size_t line_no_ = 0;
  std::size_t count_ = 0;
  std::optional<std::string> pending_;  // a header line read ahead
};

}  // namespace mirgene::seqio
