#pragma once
// Streaming FASTA reader shared by every mirgene command.
//
// Memory stays bounded by the longest record whatever the input size: the reader keeps one
// fixed read buffer plus one growable residue buffer, and hands out one record per call.
// A malformed record does not stop the stream: next() returns it with an error (first
// offending position) and the following records are read normally. Only problems with the
// input as a whole (unreadable, binary, compressed in a format other than gzip, truncated or
// corrupt gzip data) throw mirgene::Error; records returned before such an error were read
// whole.
//
// gzip input (and bgzip, a series of gzip members) is decompressed on the fly, told by its
// first bytes rather than its name: files and standard input alike (seqio::ByteInput).
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "seqio/byte_input.hpp"

namespace mirgene::seqio {

struct Record {
  std::string id;          // first word of the header (leading blanks skipped)
  std::string header;      // the line after '>', line ending and trailing blanks removed
  std::string seq;         // residues concatenated, whitespace removed, T->U and t->u, case kept
  std::size_t number = 0;  // 1-based index of the record ('>' headers) in its input
  std::size_t line = 0;    // line number of the header
};

// "" when every byte of `seq` is a nucleotide letter the FASTA reader accepts (the IUPAC codes
// A C G U T R Y S W K M B D H V N, any case); else the reader's message for the first other
// byte and its 1-based position. The one residue rule of every input (FASTA records, energy's
// sequence/structure records and its --sequence option).
std::string residue_problem(std::string_view seq);

struct RecordError {
  std::string source;      // file name as given ("-" shown as "<stdin>")
  std::string id;          // record id ("" if none)
  std::size_t number = 0;  // record number (1-based), or 0 for text before the first header
  std::size_t line = 0, column = 0;  // 1-based position of the problem (column in bytes)
  std::string message;
  // "FILE:LINE:COL: record 'ID' (#N): MESSAGE"; the record part shrinks to "record #N" when
  // the id is empty and disappears for text before the first header.
  std::string to_string() const;
};

struct ReadResult {
  Record record;  // on error: id, header, number and line as far as known; seq empty
  std::optional<RecordError> error;
  // Reading in pieces (next_piece): the record's residues before this piece, and whether
  // the piece is the record's last. next() gives whole records: 0 and true.
  std::uint64_t piece_offset = 0;
  bool last_piece = true;
};

class FastaReader {
 public:
  static constexpr std::size_t kDefaultBufferSize = std::size_t{1} << 20;
  // Smallest accepted buffer: large enough to see every recognised file signature.
  static constexpr std::size_t kMinBufferSize = 8;

  // Reads from `in` (not owned; must outlive the reader), decompressing gzip. A source name
  // of "-" is shown as "<stdin>" in messages. buffer_size is clamped to at least
  // kMinBufferSize; it is the size of the decompressed blocks.
  FastaReader(std::istream& in, std::string source_name,
              std::size_t buffer_size = kDefaultBufferSize);
  ~FastaReader();
  FastaReader(const FastaReader&) = delete;
  FastaReader& operator=(const FastaReader&) = delete;

  // "-" reads standard input. Throws mirgene::Error if the file cannot be opened.
  static std::unique_ptr<FastaReader> open(const std::string& path);

  // Fills `out` with the next record, good or bad, and returns true; false at end of input.
  // Reuse one ReadResult across calls to keep its string capacity.
  // Throws mirgene::Error on a read failure, bad gzip data, or when the input is binary or
  // compressed in another format.
  bool next(ReadResult& out);

  // Like next(), but hands out a record's residues in pieces of at most `max_residues`, so
  // that a whole chromosome never has to be held at once (genome scans). Each call gives
  // the next piece of the current record, or the first piece of the next record; every
  // piece carries the record's id, header, number and line. The last piece of a record
  // has last_piece set and may be empty (when the record ends right after a full piece).
  // A record with an error ends with a last piece that carries the error and no residues;
  // the pieces handed out before the error stand (a record shorter than max_residues is
  // therefore all or nothing, as with next()). Calls may mix next() and next_piece() only
  // between records.
  bool next_piece(ReadResult& out, std::size_t max_residues);

  const std::string& source() const { return source_; }
  // Memory held by the reader itself (the caller's ReadResult is extra): the read buffer
  // never grows; the residue buffer grows to the longest record plus one read buffer.
  std::size_t buffer_capacity() const { return buffer_size_; }
  std::size_t residue_capacity() const { return residue_capacity_; }
  std::uint64_t bytes_consumed() const;

 private:
  enum class State { kLineStart, kHeader, kSequence, kPreamble, kSkipLine };

  FastaReader(std::unique_ptr<std::istream> owned, std::string source_name);

  bool read(ReadResult& out);
  bool refill();
  void check_signature();
  void scan_header(ReadResult& out);
  void finish_header(ReadResult& out);
  void scan_sequence(ReadResult& out);
  void scan_preamble(ReadResult& out);
  void skip_line();
  void end_line();
  void finish_record(ReadResult& out);
  void hand_out_piece(ReadResult& out);
  void fail(ReadResult& out, std::size_t line, std::size_t column, std::string message);
  std::size_t column_at(const char* p) const;
  void reserve_residues(std::size_t extra);

  std::unique_ptr<std::istream> owned_stream_;
  std::string source_;
  ByteInput input_;

  std::size_t buffer_size_;
  std::unique_ptr<char[]> buffer_;
  const char* pos_ = nullptr;
  const char* end_ = nullptr;
  std::uint64_t buffer_offset_ = 0;  // input offset of buffer_[0]
  bool at_eof_ = false;
  bool signature_checked_ = false;

  State state_ = State::kLineStart;
  std::size_t line_ = 1;
  std::uint64_t line_offset_ = 0;  // input offset of the current line's first byte
  bool swallow_lf_ = false;        // the previous line ended in CR: a following LF is part of it
  std::size_t headers_seen_ = 0;
  bool in_record_ = false;  // a header (or stray pre-header text) awaits its end
  bool record_bad_ = false;

  std::unique_ptr<char[]> residues_;
  std::size_t residue_capacity_ = 0;
  std::size_t residue_count_ = 0;

  // Reading in pieces: the most residues a piece holds (0: whole records), the residues
  // of the current record handed out in earlier pieces, and its header fields, which
  // every piece repeats.
  std::size_t piece_limit_ = 0;
  std::uint64_t residues_handed_out_ = 0;
  Record current_;
};

}  // namespace mirgene::seqio
