// gzip input: FastaReader and StructureReader read gzip and multi-member (bgzip-style)
// streams as they read plain text, and fail with the file's name on truncated or corrupt
// data after handing out every record that was complete.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "seqio/fasta_reader.hpp"
#include "seqio/structure_reader.hpp"
#include "seqio/text_input.hpp"
#include "support/gzip.hpp"
#include "support/paths.hpp"

namespace mirgene::seqio {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// `count` records of 50-149 nt over two lines each, different for every seed.
std::string make_fasta(int count, int seed = 0) {
  static constexpr char kLetters[] = "ACGU";
  std::string text;
  for (int r = 0; r < count; ++r) {
    text += ">s" + std::to_string(seed) + "_" + std::to_string(r) + " generated\n";
    const int length = 50 + (r * 37 + seed) % 100;
    for (int i = 0; i < length; ++i) {
      text += kLetters[(r * 7 + i * 3 + seed) % 4];
      if (i == length / 2) text += '\n';
    }
    text += '\n';
  }
  return text;
}

struct ReadOutcome {
  std::vector<ReadResult> records;
  std::string error;  // "" when the input ended cleanly
};

ReadOutcome read_bytes(const std::string& bytes, const std::string& name = "in.fa.gz",
                       std::size_t buffer_size = FastaReader::kDefaultBufferSize) {
  std::istringstream in(bytes);
  FastaReader reader(in, name, buffer_size);
  ReadOutcome out;
  ReadResult r;
  try {
    while (reader.next(r)) out.records.push_back(r);
  } catch (const Error& e) {
    out.error = e.what();
  }
  return out;
}

std::vector<std::string> ids(const std::vector<ReadResult>& records) {
  std::vector<std::string> out;
  for (const ReadResult& r : records) out.push_back(r.record.id + ":" + r.record.seq);
  return out;
}

TEST(CompressedInput, GzipGivesTheRecordsOfThePlainText) {
  const std::string text = make_fasta(3000);  // several read blocks once decompressed
  const ReadOutcome plain = read_bytes(text, "in.fa");
  ASSERT_EQ(plain.records.size(), 3000u);
  for (const std::size_t buffer : {std::size_t{8}, std::size_t{4096}, FastaReader::kDefaultBufferSize}) {
    const ReadOutcome gz = read_bytes(test::gzip_member(text, 9), "in.fa.gz", buffer);
    EXPECT_EQ(gz.error, "") << "buffer " << buffer;
    EXPECT_EQ(ids(gz.records), ids(plain.records)) << "buffer " << buffer;
  }
}

TEST(CompressedInput, MultiMemberStreamsAreReadToTheEndLikeBgzip) {
  // Three members; the second splits a record, and an empty member ends the stream as
  // bgzip's end-of-file marker does.
  const std::string first = make_fasta(40, 1), second = make_fasta(30, 2);
  const std::string whole = first + second;
  const std::size_t cut = first.size() + 500;
  const std::string members = test::gzip_member(whole.substr(0, cut)) +
                              test::gzip_member(whole.substr(cut)) + test::gzip_member("");
  const ReadOutcome gz = read_bytes(members);
  EXPECT_EQ(gz.error, "");
  EXPECT_EQ(ids(gz.records), ids(read_bytes(whole, "in.fa").records));
  EXPECT_EQ(gz.records.size(), 70u);
}

TEST(CompressedInput, ZeroPaddingAfterTheLastMemberIsIgnored) {
  const ReadOutcome gz = read_bytes(test::gzip_member(make_fasta(5)) + std::string(512, '\0'));
  EXPECT_EQ(gz.error, "");
  EXPECT_EQ(gz.records.size(), 5u);
}

TEST(CompressedInput, StandardInputIsNamedInMessages) {
  const ReadOutcome gz = read_bytes(test::gzip_member(">a\nAC%\n"), "-");
  ASSERT_EQ(gz.records.size(), 1u);
  ASSERT_TRUE(gz.records[0].error);
  EXPECT_EQ(gz.records[0].error->to_string(),
            "<stdin>:2:3: record 'a' (#1): invalid character '%' (not an IUPAC nucleotide letter)");
}

TEST(CompressedInput, TruncatedStreamKeepsCompleteRecordsAndNamesTheFile) {
  const std::string text = make_fasta(3000);
  const std::string gz = test::gzip_member(text, 9);
  const ReadOutcome cut = read_bytes(gz.substr(0, gz.size() / 2), "reads.fa.gz", 4096);
  EXPECT_THAT(cut.error, StartsWith("reads.fa.gz: truncated gzip data"));
  EXPECT_THAT(cut.error, HasSubstr("the file is incomplete"));
  // Roughly half the records came through, each whole and as in the plain text.
  ASSERT_GT(cut.records.size(), 500u);
  ASSERT_LT(cut.records.size(), 2500u);
  const std::vector<ReadResult> plain = read_bytes(text, "in.fa").records;
  for (std::size_t i = 0; i < cut.records.size(); ++i) {
    ASSERT_FALSE(cut.records[i].error) << i;
    ASSERT_EQ(cut.records[i].record.seq, plain[i].record.seq) << i;
  }
  // The record the data broke off in is named as lost.
  EXPECT_THAT(cut.error, HasSubstr("record #" + std::to_string(cut.records.size() + 1)));
}

TEST(CompressedInput, HeaderAloneIsTruncated) {
  const ReadOutcome gz = read_bytes(std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10));
  EXPECT_THAT(gz.error, StartsWith("in.fa.gz: truncated gzip data"));
  EXPECT_TRUE(gz.records.empty());
}

TEST(CompressedInput, CorruptDataIsAnErrorNamingTheFile) {
  const std::string good = test::gzip_member(make_fasta(200));
  // A wrong CRC in the trailer: every byte inflates, the check at the end fails.
  std::string bad_crc = good;
  bad_crc[bad_crc.size() - 8] = static_cast<char>(bad_crc[bad_crc.size() - 8] ^ 0x55);
  const ReadOutcome crc = read_bytes(bad_crc, "reads.fa.gz");
  EXPECT_THAT(crc.error, StartsWith("reads.fa.gz: corrupt gzip data in member 1"));
  EXPECT_THAT(crc.error, HasSubstr("incorrect data check"));
  EXPECT_EQ(crc.records.size(), 199u);  // the last record is not known to be whole
  // A compression method other than deflate in the header.
  std::string bad_method = good;
  bad_method[2] = 7;
  EXPECT_THAT(read_bytes(bad_method, "reads.fa.gz").error,
              StartsWith("reads.fa.gz: corrupt gzip data in member 1"));
  // Bytes after the last member that are not another member.
  EXPECT_THAT(read_bytes(good + "trailing text", "reads.fa.gz").error,
              StartsWith("reads.fa.gz: data after the end of gzip member 1 is not gzip"));
}

TEST(CompressedInput, FormatsNotReadKeepTheirMessagesInsideGzipToo) {
  const ReadOutcome bam = read_bytes(test::gzip_member(std::string("BAM\x01\x00\x00\x00\x00", 8)));
  EXPECT_THAT(bam.error, StartsWith("in.fa.gz: looks like a BAM file"));
  const ReadOutcome bz = read_bytes("BZh91AY&SY", "in.fa.bz2");
  EXPECT_THAT(bz.error, StartsWith("in.fa.bz2: looks bzip2-compressed"));
  EXPECT_THAT(bz.error, HasSubstr("decompress it first"));
}

TEST(CompressedInput, StructureReaderReadsGzipAndReportsTruncation) {
  std::string pairs;
  for (int i = 0; i < 400; ++i) pairs += ">p" + std::to_string(i) + "\nGGGGAAAACCCC\n((((....)))) (-1.00)\n";
  const std::string gz = test::gzip_member(pairs);
  {
    std::istringstream in(gz);
    StructureReader reader(in, "pairs.txt.gz");
    StructureReadResult r;
    int count = 0;
    while (reader.next(r)) {
      ASSERT_FALSE(r.error) << *r.error;
      EXPECT_EQ(r.record.structure, "((((....))))");
      ++count;
    }
    EXPECT_EQ(count, 400);
  }
  std::istringstream in(gz.substr(0, gz.size() - 20));
  StructureReader reader(in, "pairs.txt.gz");
  StructureReadResult r;
  int count = 0;
  try {
    while (reader.next(r)) ++count;
    FAIL() << "a truncated stream ended quietly";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), StartsWith("pairs.txt.gz: truncated gzip data"));
  }
  EXPECT_GT(count, 300);
}

TEST(CompressedInput, DecodedStreamReadsPlainAndGzipAlike) {
  for (const std::string& bytes : {std::string("line 1\nline 2\n"), test::gzip_member("line 1\nline 2\n")}) {
    std::istringstream in(bytes);
    const auto stream = decoded_stream(in, "x");
    std::string a, b, c;
    EXPECT_TRUE(std::getline(*stream, a));
    EXPECT_TRUE(std::getline(*stream, b));
    EXPECT_FALSE(std::getline(*stream, c));
    EXPECT_EQ(a + "|" + b, "line 1|line 2");
  }
  try {
    open_decoded("tests/fixtures/seqio/no-such-file.fa.gz");
    FAIL() << "missing file was opened";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot open 'tests/fixtures/seqio/no-such-file.fa.gz'"));
  }
}

}  // namespace
}  // namespace mirgene::seqio
