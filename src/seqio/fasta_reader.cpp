#include "seqio/fasta_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string_view>

#include "common/error.hpp"

namespace mirgene::seqio {
namespace {

// Byte classes for sequence lines. Residue bytes map to the letter stored (T/t become U/u);
// every class value below 'A' marks a byte that interrupts the copy loop or is skipped.
constexpr unsigned char kInvalid = 0;
constexpr unsigned char kBlank = 1;
constexpr unsigned char kLineFeed = 2;
constexpr unsigned char kCarriageReturn = 3;

constexpr std::array<unsigned char, 256> make_residue_table() {
  std::array<unsigned char, 256> table{};  // every byte starts as kInvalid
  for (const char letter : std::string_view("ACGURYSWKMBDHVN")) {
    const auto upper = static_cast<unsigned char>(letter);
    const auto lower = static_cast<unsigned char>(letter - 'A' + 'a');
    table[upper] = upper;
    table[lower] = lower;
  }
  table['T'] = 'U';
  table['t'] = 'u';
  table[' '] = table['\t'] = table['\v'] = table['\f'] = kBlank;
  table['\n'] = kLineFeed;
  table['\r'] = kCarriageReturn;
  return table;
}

constexpr std::array<unsigned char, 256> kResidueTable = make_residue_table();

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}
bool is_line_end(char c) {
  return c == '\n' || c == '\r';
}

std::string invalid_byte_message(char c) {
  const auto byte = static_cast<unsigned char>(c);
  std::string what;
  if (byte > 0x20 && byte < 0x7f) {
    what = std::string("invalid character '") + c + "'";
  } else {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", byte);
    what = std::string("invalid byte ") + hex;
  }
  what += " (not an IUPAC nucleotide letter";
  if (c == '-' || c == '.') what += "; alignment gaps are not accepted";
  return what + ")";
}

// Signatures of formats people feed to sequence tools by mistake, cheap to recognise from
// the first bytes. gzip is not among them: ByteInput decompresses it, and these are checked
// on what it yields (a BAM file is bgzip-compressed and shows its own magic once inflated).
struct Signature {
  std::string_view magic;
  std::string_view looks;  // completes "FILE: looks ..."
  std::string_view advice;
};
constexpr std::array<Signature, 5> kSignatures{{
    {std::string_view("BZh", 3), "bzip2-compressed", "decompress it first, e.g. 'bzip2 -dc FILE'"},
    {std::string_view("\xfd\x37zXZ\0", 6), "xz-compressed",
     "decompress it first, e.g. 'xz -dc FILE'"},
    {std::string_view("\x28\xb5\x2f\xfd", 4), "zstd-compressed",
     "decompress it first, e.g. 'zstd -dc FILE'"},
    {std::string_view("PK\x03\x04", 4), "like a zip archive", "extract the FASTA file first"},
    {std::string_view("BAM\x01", 4), "like a BAM file (aligned reads)",
     "convert it to FASTA first, e.g. 'samtools fasta FILE'"},
}};

std::string shown_name(std::string name) {
  if (name.size() == 1 && name[0] == '-') return "<stdin>";
  return name;
}

}  // namespace

std::string residue_problem(std::string_view seq) {
  for (std::size_t i = 0; i < seq.size(); ++i) {
    if (kResidueTable[static_cast<unsigned char>(seq[i])] > kCarriageReturn) continue;
    return invalid_byte_message(seq[i]) + " at position " + std::to_string(i + 1);
  }
  return "";
}

std::string RecordError::to_string() const {
  std::string text = source + ':' + std::to_string(line) + ':' + std::to_string(column) + ": ";
  if (number > 0) {
    if (id.empty()) {
      text += "record #" + std::to_string(number) + ": ";
    } else {
      text += "record '" + id + "' (#" + std::to_string(number) + "): ";
    }
  }
  return text + message;
}

FastaReader::FastaReader(std::istream& in, std::string source_name, std::size_t buffer_size)
    : source_(shown_name(std::move(source_name))),
      input_(in, source_),
      buffer_size_(std::max(buffer_size, kMinBufferSize)),
      buffer_(std::make_unique_for_overwrite<char[]>(buffer_size_)),
      pos_(buffer_.get()),
      end_(buffer_.get()) {}

FastaReader::FastaReader(std::unique_ptr<std::istream> owned, std::string source_name)
    : FastaReader(*owned, std::move(source_name)) {
  owned_stream_ = std::move(owned);
}

FastaReader::~FastaReader() = default;

std::unique_ptr<FastaReader> FastaReader::open(const std::string& path) {
  if (path == "-") return std::unique_ptr<FastaReader>(new FastaReader(std::cin, path));
  return std::unique_ptr<FastaReader>(new FastaReader(open_input_file(path), path));
}

std::uint64_t FastaReader::bytes_consumed() const {
  return buffer_offset_ + static_cast<std::uint64_t>(pos_ - buffer_.get());
}

std::size_t FastaReader::column_at(const char* p) const {
  const std::uint64_t offset = buffer_offset_ + static_cast<std::uint64_t>(p - buffer_.get());
  return static_cast<std::size_t>(offset - line_offset_) + 1;
}

bool FastaReader::refill() {
  while (pos_ == end_ && !at_eof_) {
    buffer_offset_ += static_cast<std::uint64_t>(end_ - buffer_.get());
    std::size_t got = 0;
    try {
      got = input_.read(buffer_.get(), buffer_size_);
    } catch (const Error& e) {
      // Every record returned so far was complete; say where the text broke off.
      if (!in_record_) throw;
      throw Error(std::string(e.what()) + "; record #" + std::to_string(headers_seen_) +
                  " (line " + std::to_string(line_) + ") and any after it are lost");
    }
    at_eof_ = input_.at_end();
    pos_ = buffer_.get();
    end_ = pos_ + got;
    if (!signature_checked_) check_signature();
  }
  return pos_ != end_;
}

void FastaReader::check_signature() {
  signature_checked_ = true;
  const std::string_view head(pos_, static_cast<std::size_t>(end_ - pos_));
  for (const Signature& signature : kSignatures) {
    if (head.starts_with(signature.magic)) {
      throw Error(source_ + ": looks " + std::string(signature.looks) + ", not FASTA text; " +
                  std::string(signature.advice));
    }
  }
  if (head.find('\0') != std::string_view::npos) {
    throw Error(source_ + ": looks like a binary file (it contains NUL bytes), not FASTA text");
  }
  constexpr std::string_view kUtf8ByteOrderMark("\xef\xbb\xbf");
  if (head.starts_with(kUtf8ByteOrderMark)) {
    pos_ += kUtf8ByteOrderMark.size();
    line_offset_ = kUtf8ByteOrderMark.size();
  }
}

bool FastaReader::next(ReadResult& out) {
  piece_limit_ = 0;
  return read(out);
}

bool FastaReader::next_piece(ReadResult& out, std::size_t max_residues) {
  piece_limit_ = std::max<std::size_t>(1, max_residues);
  return read(out);
}

bool FastaReader::read(ReadResult& out) {
  out.record.seq.clear();
  out.error.reset();
  out.piece_offset = residues_handed_out_;
  out.last_piece = true;
  if (residues_handed_out_ > 0) {
    // A record continued from the previous piece.
    out.record.id = current_.id;
    out.record.header = current_.header;
    out.record.number = current_.number;
    out.record.line = current_.line;
  } else {
    out.record.id.clear();
    out.record.header.clear();
    out.record.number = 0;
    out.record.line = 0;
  }

  for (;;) {
    if (piece_limit_ > 0 && residue_count_ >= piece_limit_ && !record_bad_) {
      hand_out_piece(out);
      return true;
    }
    if (pos_ == end_ && !refill()) {
      if (state_ == State::kHeader) finish_header(out);
      if (!in_record_) return false;
      finish_record(out);
      return true;
    }
    switch (state_) {
      case State::kLineStart:
        if (swallow_lf_) {
          swallow_lf_ = false;
          if (*pos_ == '\n') {
            ++pos_;
            line_offset_ = bytes_consumed();
            break;
          }
        }
        if (*pos_ == '>') {
          // The record in progress ends here; its successor starts on the next call, so
          // every record is assembled in the ReadResult that returns it.
          if (in_record_) {
            finish_record(out);
            return true;
          }
          ++pos_;
          ++headers_seen_;
          out.record.number = headers_seen_;
          out.record.line = line_;
          in_record_ = true;
          record_bad_ = false;
          state_ = State::kHeader;
        } else if (is_line_end(*pos_)) {
          end_line();
        } else if (!in_record_) {
          state_ = State::kPreamble;
        } else {
          state_ = record_bad_ ? State::kSkipLine : State::kSequence;
        }
        break;
      case State::kHeader:
        scan_header(out);
        break;
      case State::kSequence:
        scan_sequence(out);
        break;
      case State::kPreamble:
        scan_preamble(out);
        break;
      case State::kSkipLine:
        skip_line();
        break;
    }
  }
}

void FastaReader::end_line() {
  swallow_lf_ = *pos_ == '\r';
  ++pos_;
  ++line_;
  line_offset_ = bytes_consumed();
  state_ = State::kLineStart;
}

void FastaReader::scan_header(ReadResult& out) {
  const char* p = pos_;
  while (p != end_ && !is_line_end(*p)) ++p;
  out.record.header.append(pos_, p);
  pos_ = p;
  if (p == end_) return;
  finish_header(out);
  end_line();
}

void FastaReader::finish_header(ReadResult& out) {
  state_ = State::kLineStart;
  std::string& header = out.record.header;
  while (!header.empty() && is_blank(header.back())) header.pop_back();
  const auto first = std::find_if_not(header.begin(), header.end(), is_blank);
  out.record.id.assign(first, std::find_if(first, header.end(), is_blank));
  if (out.record.id.empty()) fail(out, out.record.line, 1, "'>' header without an id");
}

void FastaReader::scan_sequence(ReadResult& out) {
  // In piece mode a scan copies no more bytes than the piece has room for.
  const char* stop = end_;
  if (piece_limit_ > 0) {
    const std::size_t room = piece_limit_ - std::min(piece_limit_, residue_count_);
    if (static_cast<std::size_t>(end_ - pos_) > room) stop = pos_ + room;
  }
  reserve_residues(static_cast<std::size_t>(stop - pos_));
  char* dst = residues_.get() + residue_count_;
  const char* p = pos_;
  unsigned char code = kInvalid;
  for (; p != stop; ++p) {
    code = kResidueTable[static_cast<unsigned char>(*p)];
    if (code > kCarriageReturn) {
      *dst++ = static_cast<char>(code);
      continue;
    }
    if (code != kBlank) break;
  }
  residue_count_ = static_cast<std::size_t>(dst - residues_.get());
  pos_ = p;
  if (p == stop) return;
  if (code == kLineFeed || code == kCarriageReturn) {
    end_line();
    return;
  }
  fail(out, line_, column_at(p), invalid_byte_message(*p));
  state_ = State::kSkipLine;
}

void FastaReader::scan_preamble(ReadResult& out) {
  const char* p = pos_;
  while (p != end_ && is_blank(*p)) ++p;
  pos_ = p;
  if (p == end_) return;
  if (is_line_end(*p)) {
    end_line();
    return;
  }
  // Stray text before the first header is reported once, as a record of its own (number 0)
  // that lasts up to the first header.
  in_record_ = true;
  fail(out, line_, column_at(p), "sequence line before the first '>' header");
  state_ = State::kSkipLine;
}

void FastaReader::skip_line() {
  const char* p = pos_;
  while (p != end_ && !is_line_end(*p)) ++p;
  pos_ = p;
  if (p != end_) end_line();
}

void FastaReader::fail(ReadResult& out, std::size_t line, std::size_t column, std::string message) {
  record_bad_ = true;
  if (out.error) return;  // the first problem of a record is the one reported
  out.error =
      RecordError{source_, out.record.id, out.record.number, line, column, std::move(message)};
}

void FastaReader::finish_record(ReadResult& out) {
  if (!record_bad_ && residue_count_ == 0 && residues_handed_out_ == 0) {
    fail(out, out.record.line, 1, "record has no sequence");
  }
  if (!record_bad_) out.record.seq.assign(residues_.get(), residue_count_);
  in_record_ = false;
  record_bad_ = false;
  residue_count_ = 0;
  residues_handed_out_ = 0;
}

void FastaReader::hand_out_piece(ReadResult& out) {
  out.record.seq.assign(residues_.get(), residue_count_);
  out.last_piece = false;
  if (residues_handed_out_ == 0) {
    current_.id = out.record.id;
    current_.header = out.record.header;
    current_.number = out.record.number;
    current_.line = out.record.line;
  }
  residues_handed_out_ += residue_count_;
  residue_count_ = 0;
}

void FastaReader::reserve_residues(std::size_t extra) {
  const std::size_t needed = residue_count_ + extra;
  if (needed <= residue_capacity_) return;
  const std::size_t capacity = std::max(needed, 2 * residue_capacity_);
  auto grown = std::make_unique_for_overwrite<char[]>(capacity);
  if (residue_count_ > 0) std::memcpy(grown.get(), residues_.get(), residue_count_);
  residues_ = std::move(grown);
  residue_capacity_ = capacity;
}

}  // namespace mirgene::seqio
