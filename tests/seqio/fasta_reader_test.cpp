#include "seqio/fasta_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "common/error.hpp"
#include "support/paths.hpp"

namespace mirgene::seqio {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<ReadResult> read_all(const std::string& text,
                                 std::size_t buffer_size = FastaReader::kDefaultBufferSize) {
  std::istringstream in(text);
  FastaReader reader(in, "test.fa", buffer_size);
  std::vector<ReadResult> results;
  ReadResult result;
  while (reader.next(result)) results.push_back(result);
  return results;
}

auto as_tuple(const ReadResult& r) {
  const RecordError e = r.error.value_or(RecordError{});
  return std::make_tuple(r.record.id, r.record.header, r.record.seq, r.record.number, r.record.line,
                         e.source, e.id, e.number, e.line, e.column, e.message);
}

void expect_good(const ReadResult& r, const std::string& id, const std::string& seq) {
  EXPECT_FALSE(r.error) << r.error->to_string();
  EXPECT_EQ(r.record.id, id);
  EXPECT_EQ(r.record.seq, seq);
}

void expect_error(const ReadResult& r, std::size_t line, std::size_t column,
                  const std::string& message) {
  ASSERT_TRUE(r.error) << "record '" << r.record.id << "' was accepted";
  EXPECT_EQ(r.error->line, line);
  EXPECT_EQ(r.error->column, column);
  EXPECT_EQ(r.error->message, message);
  EXPECT_TRUE(r.record.seq.empty());
}

TEST(FastaReader, ReadsSingleLineRecordsWithIdHeaderNumberAndLine) {
  const auto results = read_all(">mir-1 Homo sapiens\nACGU\n>mir-2\nGGCC\n");
  ASSERT_EQ(results.size(), 2u);
  expect_good(results[0], "mir-1", "ACGU");
  EXPECT_EQ(results[0].record.header, "mir-1 Homo sapiens");
  EXPECT_EQ(results[0].record.number, 1u);
  EXPECT_EQ(results[0].record.line, 1u);
  expect_good(results[1], "mir-2", "GGCC");
  EXPECT_EQ(results[1].record.header, "mir-2");
  EXPECT_EQ(results[1].record.number, 2u);
  EXPECT_EQ(results[1].record.line, 3u);
}

TEST(FastaReader, ConcatenatesMultiLineRecords) {
  const auto results = read_all(">a\nACGU\nGG\nCCAA\n>b\nU\nU\n");
  ASSERT_EQ(results.size(), 2u);
  expect_good(results[0], "a", "ACGUGGCCAA");
  expect_good(results[1], "b", "UU");
  EXPECT_EQ(results[1].record.line, 5u);
}

TEST(FastaReader, TurnsTIntoUAndKeepsCase) {
  const auto results = read_all(">dna\nACGTacgtTTtt\n");
  ASSERT_EQ(results.size(), 1u);
  expect_good(results[0], "dna", "ACGUacguUUuu");
}

TEST(FastaReader, AcceptsEveryIupacLetterInBothCases) {
  const auto results = read_all(">iupac\nACGURYSWKMBDHVN\nacguryswkmbdhvn\n");
  ASSERT_EQ(results.size(), 1u);
  expect_good(results[0], "iupac", "ACGURYSWKMBDHVNacguryswkmbdhvn");
}

TEST(FastaReader, HandlesCrlfLineEndings) {
  const auto results = read_all(">a first\r\nACGU\r\nGG\r\n\r\n>b\r\nCC\r\n");
  ASSERT_EQ(results.size(), 2u);
  expect_good(results[0], "a", "ACGUGG");
  EXPECT_EQ(results[0].record.header, "a first");
  expect_good(results[1], "b", "CC");
  EXPECT_EQ(results[1].record.line, 5u);
}

TEST(FastaReader, HandlesCrOnlyLineEndings) {
  const auto results = read_all(">a\rACGU\rGG\r>b\rC!\r");
  ASSERT_EQ(results.size(), 2u);
  expect_good(results[0], "a", "ACGUGG");
  EXPECT_EQ(results[1].record.line, 4u);
  expect_error(results[1], 5, 2, "invalid character '!' (not an IUPAC nucleotide letter)");
}

TEST(FastaReader, IgnoresBlankLinesAndBlanksInsideSequenceLines) {
  const auto results = read_all("\n  \n\t\n>a\n\nAC GU\t\n   \nG G\n\n\n>b\nU\n\n");
  ASSERT_EQ(results.size(), 2u);
  expect_good(results[0], "a", "ACGUGG");
  EXPECT_EQ(results[0].record.line, 4u);
  expect_good(results[1], "b", "U");
  EXPECT_EQ(results[1].record.line, 11u);
}

TEST(FastaReader, ReadsInputWithoutTrailingNewline) {
  const auto results = read_all(">a\nACGU\n>b\nGGCC");
  ASSERT_EQ(results.size(), 2u);
  expect_good(results[1], "b", "GGCC");
}

TEST(FastaReader, TrimsHeaderAndTakesTheFirstWordAsId) {
  const auto results = read_all(">  hsa-mir-21\tMI0000077 stem-loop \t \nACGU\n");
  ASSERT_EQ(results.size(), 1u);
  expect_good(results[0], "hsa-mir-21", "ACGU");
  EXPECT_EQ(results[0].record.header, "  hsa-mir-21\tMI0000077 stem-loop");
}

TEST(FastaReader, ReturnsNothingForEmptyOrBlankInput) {
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\n\n  \r\n\t").empty());
}

TEST(FastaReader, SkipsAUtf8ByteOrderMark) {
  const auto results = read_all("\xef\xbb\xbf>a\nACGU\n");
  ASSERT_EQ(results.size(), 1u);
  expect_good(results[0], "a", "ACGU");
}

TEST(FastaReader, ReportsTheFirstInvalidCharacterAndKeepsReading) {
  const auto results = read_all(">good1\nACGU\n>bad x\nACGU\nAC@GU-U\nN*N\nACGU\n>good2\nGG\n");
  ASSERT_EQ(results.size(), 3u);
  expect_good(results[0], "good1", "ACGU");
  expect_error(results[1], 5, 3, "invalid character '@' (not an IUPAC nucleotide letter)");
  EXPECT_EQ(results[1].error->id, "bad");
  EXPECT_EQ(results[1].error->number, 2u);
  EXPECT_EQ(results[1].error->source, "test.fa");
  EXPECT_EQ(results[1].record.id, "bad");
  EXPECT_EQ(results[1].record.header, "bad x");
  EXPECT_EQ(results[1].error->to_string(),
            "test.fa:5:3: record 'bad' (#2): invalid character '@' (not an IUPAC nucleotide "
            "letter)");
  expect_good(results[2], "good2", "GG");
  EXPECT_EQ(results[2].record.number, 3u);
  EXPECT_EQ(results[2].record.line, 8u);
}

TEST(FastaReader, RejectsEachKindOfNonNucleotideCharacter) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"7", "invalid character '7' (not an IUPAC nucleotide letter)"},
      {"-",
       "invalid character '-' (not an IUPAC nucleotide letter; alignment gaps are not "
       "accepted)"},
      {".",
       "invalid character '.' (not an IUPAC nucleotide letter; alignment gaps are not "
       "accepted)"},
      {"*", "invalid character '*' (not an IUPAC nucleotide letter)"},
      {"&", "invalid character '&' (not an IUPAC nucleotide letter)"},
      {"X", "invalid character 'X' (not an IUPAC nucleotide letter)"},
      {"e", "invalid character 'e' (not an IUPAC nucleotide letter)"},
      {">", "invalid character '>' (not an IUPAC nucleotide letter)"},
      {"\x01", "invalid byte 0x01 (not an IUPAC nucleotide letter)"},
      {"\x7f", "invalid byte 0x7F (not an IUPAC nucleotide letter)"},
      {"\xc3\xa9", "invalid byte 0xC3 (not an IUPAC nucleotide letter)"},
  };
  for (const auto& [bad, message] : cases) {
    SCOPED_TRACE(message);
    const auto results = read_all(">x\nAC\nG G" + bad + "UU\n>y\nCC\n");
    ASSERT_EQ(results.size(), 2u);
    expect_error(results[0], 3, 4, message);
    expect_good(results[1], "y", "CC");
  }
}

TEST(FastaReader, ReportsSequenceBeforeTheFirstHeaderOnceAsRecordZero) {
  const auto results = read_all("\n  ACGU\nGGG\n>a\nCC\n");
  ASSERT_EQ(results.size(), 2u);
  expect_error(results[0], 2, 3, "sequence line before the first '>' header");
  EXPECT_EQ(results[0].error->number, 0u);
  EXPECT_EQ(results[0].error->id, "");
  EXPECT_EQ(results[0].error->to_string(),
            "test.fa:2:3: sequence line before the first '>' header");
  expect_good(results[1], "a", "CC");
  EXPECT_EQ(results[1].record.number, 1u);
}

TEST(FastaReader, ReportsTextWithoutAnyHeader) {
  const auto results = read_all("ACGU");
  ASSERT_EQ(results.size(), 1u);
  expect_error(results[0], 1, 1, "sequence line before the first '>' header");
}

TEST(FastaReader, ReportsAHeaderWithoutAnId) {
  const auto results = read_all(">a\nAC\n>\nACGU\n> \t\nGG\n>b\nUU\n");
  ASSERT_EQ(results.size(), 4u);
  expect_good(results[0], "a", "AC");
  expect_error(results[1], 3, 1, "'>' header without an id");
  EXPECT_EQ(results[1].error->to_string(), "test.fa:3:1: record #2: '>' header without an id");
  expect_error(results[2], 5, 1, "'>' header without an id");
  EXPECT_EQ(results[2].error->number, 3u);
  expect_good(results[3], "b", "UU");
  EXPECT_EQ(results[3].record.number, 4u);
}

TEST(FastaReader, ReportsRecordsWithoutSequence) {
  const auto results = read_all(">a\n>b\nAC\n>c\n\n  \n>d\nGG\n>e");
  ASSERT_EQ(results.size(), 5u);
  expect_error(results[0], 1, 1, "record has no sequence");
  EXPECT_EQ(results[0].error->to_string(), "test.fa:1:1: record 'a' (#1): record has no sequence");
  expect_good(results[1], "b", "AC");
  expect_error(results[2], 4, 1, "record has no sequence");
  EXPECT_EQ(results[2].error->id, "c");
  expect_good(results[3], "d", "GG");
  expect_error(results[4], 9, 1, "record has no sequence");
  EXPECT_EQ(results[4].record.header, "e");
}

TEST(FastaReader, ClearsTheErrorOfAReusedResult) {
  std::istringstream in(">a\nA!\n>b\nAC\n");
  FastaReader reader(in, "test.fa");
  ReadResult result;
  ASSERT_TRUE(reader.next(result));
  EXPECT_TRUE(result.error);
  ASSERT_TRUE(reader.next(result));
  expect_good(result, "b", "AC");
  EXPECT_FALSE(reader.next(result));
  EXPECT_FALSE(reader.next(result));
}

// Input mixing every rule of the reader: text before the first header, CRLF and CR line
// ends, blanks, a bad character, a header without an id, a record without sequence, every
// IUPAC letter, no final line end.
const char* const kEveryRule =
    "  \nAC\r\n>first record here\r\nACGT\r\nac gt\r\n\r\n>second\nAC\nG7G\nUU\n"
    ">\nAC\n>third\r>fourth\rNNNN\r\n\r\n>fifth   \t\nRYSWKMBDHVN\nTTTTTTTTTTTTTTTTTTTTTTT"
    "TTTTTTTTTTTTTTTTT\n>sixth\nACGU*\n>seventh\nAC";

// Every parsing state must survive a buffer refill at any byte: compare tiny buffers (refills
// everywhere) with the default one on input mixing every rule.
TEST(FastaReader, GivesTheSameResultsWhateverTheBufferSize) {
  const std::string text = kEveryRule;
  const auto expected = read_all(text);
  ASSERT_EQ(expected.size(), 9u);
  for (std::size_t size = FastaReader::kMinBufferSize; size <= text.size() + 1; ++size) {
    SCOPED_TRACE("buffer size " + std::to_string(size));
    const auto results = read_all(text, size);
    ASSERT_EQ(results.size(), expected.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
      EXPECT_EQ(as_tuple(results[i]), as_tuple(expected[i])) << "record " << i;
    }
  }
  expect_error(expected[0], 2, 1, "sequence line before the first '>' header");
  expect_good(expected[1], "first", "ACGUacgu");
  expect_error(expected[2], 9, 2, "invalid character '7' (not an IUPAC nucleotide letter)");
  expect_error(expected[3], 11, 1, "'>' header without an id");
  expect_error(expected[4], 13, 1, "record has no sequence");
  expect_good(expected[5], "fourth", "NNNN");
  expect_good(expected[6], "fifth", "RYSWKMBDHVN" + std::string(40, 'U'));
  expect_error(expected[7], 21, 5, "invalid character '*' (not an IUPAC nucleotide letter)");
  expect_good(expected[8], "seventh", "AC");
}

// Reading in pieces: for every piece size and buffer size, each record's pieces put
// together are what next() gives, every piece repeats the record's header fields and says
// where it starts, and the errors are next()'s.
TEST(FastaReader, PiecesPutTogetherAreTheWholeRecords) {
  const std::string text = kEveryRule;
  const auto expected = read_all(text);
  for (const std::size_t buffer : {FastaReader::kMinBufferSize, std::size_t{13}, text.size()}) {
    for (std::size_t limit = 1; limit <= 60; ++limit) {
      SCOPED_TRACE("buffer " + std::to_string(buffer) + ", pieces of " + std::to_string(limit));
      std::istringstream in(text);
      FastaReader reader(in, "test.fa", buffer);
      std::vector<ReadResult> records;
      ReadResult piece;
      ReadResult whole;
      bool in_record = false;
      while (reader.next_piece(piece, limit)) {
        ASSERT_LE(piece.record.seq.size(), limit);
        if (!in_record) {
          whole = piece;
          ASSERT_EQ(piece.piece_offset, 0u);
        } else {
          EXPECT_EQ(piece.record.id, whole.record.id);
          EXPECT_EQ(piece.record.header, whole.record.header);
          EXPECT_EQ(piece.record.number, whole.record.number);
          EXPECT_EQ(piece.piece_offset, whole.record.seq.size());
          whole.record.seq += piece.record.seq;
          whole.error = piece.error;
        }
        if (!piece.last_piece) {
          EXPECT_EQ(piece.record.seq.size(), limit);
        }
        in_record = !piece.last_piece;
        if (piece.last_piece) {
          // A record that failed after some pieces keeps them; next() gives it empty.
          if (whole.error) whole.record.seq.clear();
          records.push_back(whole);
        }
      }
      EXPECT_FALSE(in_record);
      ASSERT_EQ(records.size(), expected.size());
      for (std::size_t i = 0; i < records.size(); ++i)
        EXPECT_EQ(as_tuple(records[i]), as_tuple(expected[i])) << "record " << i;
    }
  }
}

TEST(FastaReader, ARecordFailingAfterSomePiecesEndsWithTheError) {
  std::istringstream in(">chr\nACGUACGUAC\nGG*G\n>next\nAC\n");
  FastaReader reader(in, "test.fa");
  ReadResult piece;
  std::vector<std::string> seqs;
  while (reader.next_piece(piece, 4) && !piece.error) seqs.push_back(piece.record.seq);
  EXPECT_EQ(seqs, (std::vector<std::string>{"ACGU", "ACGU", "ACGG"}));
  ASSERT_TRUE(piece.error);
  EXPECT_TRUE(piece.last_piece);
  EXPECT_TRUE(piece.record.seq.empty());
  EXPECT_EQ(piece.record.id, "chr");
  EXPECT_EQ(piece.error->to_string(),
            "test.fa:3:3: record 'chr' (#1): invalid character '*' (not an IUPAC nucleotide letter)");
  ASSERT_TRUE(reader.next_piece(piece, 4));
  EXPECT_EQ(piece.record.id, "next");
  EXPECT_EQ(piece.record.seq, "AC");
  EXPECT_TRUE(piece.last_piece);
  EXPECT_FALSE(reader.next_piece(piece, 4));
}

TEST(FastaReader, RejectsOtherCompressedAndBinaryInput) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"BZh91AY&SY", "bzip2-compressed"},
      {std::string("\xfd\x37zXZ\0\0\x04", 8), "xz-compressed"},
      {"\x28\xb5\x2f\xfd\x00\x58", "zstd-compressed"},
      {"PK\x03\x04\x14\x00", "zip archive"},
      {std::string(">a\nAC\0GU\n", 9), "binary file"},
  };
  for (const auto& [content, what] : cases) {
    std::istringstream in(content);
    FastaReader reader(in, "in.bin");
    ReadResult result;
    try {
      reader.next(result);
      ADD_FAILURE() << what << " input was accepted";
    } catch (const Error& e) {
      EXPECT_THAT(e.what(), StartsWith("in.bin: looks "));
      EXPECT_THAT(e.what(), HasSubstr(what));
    }
  }
}

TEST(FastaReader, NamesStandardInputInMessages) {
  std::istringstream in(">a\nAC%\n");
  FastaReader reader(in, "-");
  EXPECT_EQ(reader.source(), "<stdin>");
  ReadResult result;
  ASSERT_TRUE(reader.next(result));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->to_string(),
            "<stdin>:2:3: record 'a' (#1): invalid character '%' (not an IUPAC nucleotide letter)");
}

TEST(FastaReader, OpenThrowsForMissingFilesAndDirectories) {
  try {
    FastaReader::open("tests/fixtures/seqio/no-such-file.fa");
    FAIL() << "missing file was opened";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot open 'tests/fixtures/seqio/no-such-file.fa'"));
    EXPECT_THAT(e.what(), HasSubstr("No such file"));
  }
  try {
    FastaReader::open("tests/fixtures/seqio");
    FAIL() << "directory was opened";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot open 'tests/fixtures/seqio': it is a directory"));
  }
}

TEST(FastaReader, OpenReadsAFileFixture) {
  const std::string path = test::fixture_path("seqio/mixed.fa");
  auto reader = FastaReader::open(path);
  EXPECT_EQ(reader->source(), path);
  std::vector<ReadResult> results;
  ReadResult result;
  while (reader->next(result)) results.push_back(result);
  ASSERT_EQ(results.size(), 4u);
  expect_good(results[0], "hsa-let-7a-1", "UGGGAUGAGGUAGUAGGUUGUAUAGUUUUAGGGUCACACCCACCACUGG");
  expect_error(results[1], 5, 11,
               "invalid character '-' (not an IUPAC nucleotide letter; "
               "alignment gaps are not accepted)");
  EXPECT_EQ(results[1].error->to_string().substr(0, path.size() + 6), path + ":5:11:");
  expect_good(results[2], "lower_dna", "acguacguNNacgu");
  expect_error(results[3], 9, 1, "record has no sequence");
}

TEST(FastaReader, ReadsTheRepositorysCompressedMirBoostPositives) {
  auto reader = FastaReader::open(test::data_path("mirboost/sequences/human_pos.fa.gz"));
  ReadResult result;
  std::size_t records = 0;
  while (reader->next(result)) {
    ++records;
    ASSERT_FALSE(result.error) << result.error->to_string();
    EXPECT_EQ(result.record.number, records);
    EXPECT_EQ(result.record.seq.find_first_not_of("ACGU"), std::string::npos) << result.record.id;
  }
  EXPECT_EQ(records, 863u);
}

// A stream that makes FASTA text on demand, so that tests can read inputs far larger than
// what they keep in memory. Record r holds a sequence whose residues are a function of
// (r, position), laid out on lines whose width also depends on r.
class GeneratedFasta : public std::streambuf {
 public:
  GeneratedFasta(std::uint64_t min_bytes, std::size_t long_record_every,
                 std::size_t long_record_length)
      : min_bytes_(min_bytes), long_every_(long_record_every), long_length_(long_record_length) {}

  static constexpr char kLetters[] = "ACGTUacgtuNRY";
  static char residue(std::size_t record, std::size_t i) {
    return kLetters[(record * 31 + i * 17) % (sizeof kLetters - 1)];
  }
  static char stored(char c) { return c == 'T' ? 'U' : c == 't' ? 'u' : c; }
  std::size_t length(std::size_t record) const {
    return record % long_every_ == long_every_ - 1 ? long_length_ : 20 + (record * 7919) % 1900;
  }
  std::size_t records() const { return records_; }
  std::uint64_t bytes() const { return bytes_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (bytes_ >= min_bytes_) return traits_type::eof();
    make_record(records_++);
    bytes_ += chunk_.size();
    setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  void make_record(std::size_t record) {
    chunk_ = ">rec" + std::to_string(record) + " generated\n";
    const std::size_t width = record % 3 == 0 ? std::string::npos : 50 + record % 31;
    const std::size_t n = length(record);
    for (std::size_t i = 0; i < n; ++i) {
      chunk_ += residue(record, i);
      if ((i + 1) % width == 0 || i + 1 == n) chunk_ += record % 5 == 0 ? "\r\n" : "\n";
    }
  }

  std::uint64_t min_bytes_;
  std::size_t long_every_, long_length_;
  std::size_t records_ = 0;
  std::uint64_t bytes_ = 0;
  std::string chunk_;
};

TEST(FastaReader, Streams50MegabytesWithMemoryBoundedByTheLongestRecord) {
  constexpr std::uint64_t kInputBytes = 50'000'000;
  constexpr std::size_t kLongRecord = 3'000'000;  // one single-line record in every 9000
  GeneratedFasta generated(kInputBytes, 9000, kLongRecord);
  std::istream in(&generated);
  FastaReader reader(in, "generated.fa");
  ReadResult result;
  std::size_t records = 0;
  std::size_t longest = 0;
  std::uint64_t residues = 0;
  while (reader.next(result)) {
    const std::size_t r = records++;
    ASSERT_FALSE(result.error) << result.error->to_string();
    ASSERT_EQ(result.record.id, "rec" + std::to_string(r));
    ASSERT_EQ(result.record.number, records);
    const std::string& seq = result.record.seq;
    ASSERT_EQ(seq.size(), generated.length(r)) << result.record.id;
    for (std::size_t i = 0; i < seq.size(); ++i) {
      if (seq[i] != GeneratedFasta::stored(GeneratedFasta::residue(r, i))) {
        FAIL() << result.record.id << " differs at " << i;
      }
    }
    longest = std::max(longest, seq.size());
    residues += seq.size();
    EXPECT_EQ(reader.buffer_capacity(), FastaReader::kDefaultBufferSize);
  }
  EXPECT_EQ(records, generated.records());
  EXPECT_GE(generated.bytes(), kInputBytes);
  EXPECT_EQ(reader.bytes_consumed(), generated.bytes());
  EXPECT_EQ(longest, kLongRecord);
  EXPECT_GT(residues, 40'000'000u);
  // The residue buffer holds one record plus at most one read buffer of lookahead, and grows
  // by doubling: its size follows the longest record, not the input.
  EXPECT_LE(reader.residue_capacity(), 2 * (longest + reader.buffer_capacity()));
  EXPECT_LT(reader.residue_capacity(), kInputBytes / 4);
}

TEST(FastaReader, PiecesKeepMemoryBoundedByThePieceNotTheRecord) {
  constexpr std::size_t kLength = 3'000'000;
  constexpr std::size_t kPiece = 65'536;
  std::string text = ">chr1 a long one\n";
  for (std::size_t i = 0; i < kLength; i += 60)
    text += std::string("ACGTTGCAAC").substr(0, 10) + "ACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTAC\n";
  std::istringstream in(text);
  FastaReader reader(in, "chr1.fa");
  ReadResult piece;
  std::uint64_t total = 0;
  std::size_t pieces = 0;
  while (reader.next_piece(piece, kPiece)) {
    ASSERT_FALSE(piece.error);
    ASSERT_EQ(piece.piece_offset, total);
    total += piece.record.seq.size();
    ++pieces;
  }
  EXPECT_EQ(total, kLength);
  EXPECT_EQ(pieces, (kLength + kPiece - 1) / kPiece);
  EXPECT_LE(reader.residue_capacity(), 2 * kPiece);
}

TEST(FastaReader, ReadsAVeryLongSingleLineRecord) {
  constexpr std::size_t kLength = 12'000'000;
  std::string text = ">chr\n";
  text.reserve(kLength + 16);
  for (std::size_t i = 0; i < kLength; ++i) text += "ACGT"[i % 4];
  text += "\n>next\nAC";
  std::istringstream in(std::move(text));
  FastaReader reader(in, "long.fa");
  ReadResult result;
  ASSERT_TRUE(reader.next(result));
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.record.seq.size(), kLength);
  EXPECT_EQ(result.record.seq.substr(kLength - 4), "ACGU");
  EXPECT_EQ(result.record.seq.find('T'), std::string::npos);
  ASSERT_TRUE(reader.next(result));
  expect_good(result, "next", "AC");
  EXPECT_LE(reader.residue_capacity(), 2 * (kLength + reader.buffer_capacity()));
}

TEST(FastaReader, ReportsTheColumnOfAnInvalidCharacterFarIntoALongLine) {
  std::string text = ">long\n" + std::string(5'000'000, 'G') + "Z" + std::string(10, 'C') + "\n";
  const auto results = read_all(text, 4096);
  ASSERT_EQ(results.size(), 1u);
  expect_error(results[0], 2, 5'000'001, "invalid character 'Z' (not an IUPAC nucleotide letter)");
}

}  // namespace
}  // namespace mirgene::seqio
