#include "predict/record_stream.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "predict/capped_source.hpp"

namespace mirgene::predict {
namespace {

// Items from memory; an item with id "!" is unreadable; `fail_after` ends the input with an
// error after that many items.
class ListSource final : public SequenceSource {
 public:
  ListSource(std::vector<std::string> ids, std::size_t fail_after = SIZE_MAX)
      : ids_(std::move(ids)), fail_after_(fail_after) {}
  bool next(seqio::ReadResult& item) override {
    if (next_ == fail_after_) {
      failed_ = true;
      return false;
    }
    if (next_ == ids_.size()) return false;
    item = {};
    item.record.number = next_ + 1;
    if (ids_[next_] == "!") {
      item.error = seqio::RecordError{
          .source = name_, .id = "", .number = next_ + 1, .line = 0, .column = 0, .message = "bad"};
    } else {
      item.record.id = ids_[next_];
      item.record.seq = "ACGU";
    }
    ++next_;
    return true;
  }
  void rethrow_input_error() const override {
    if (failed_) throw Error("input broke");
  }
  const std::string& name() const override { return name_; }

 private:
  std::vector<std::string> ids_;
  std::size_t fail_after_;
  std::size_t next_ = 0;
  bool failed_ = false;
  std::string name_ = "list";
};

Processed<std::string> echo(const seqio::ReadResult& item) {
  Processed<std::string> p;
  if (item.error) {
    p.error = item.error->to_string();
  } else if (item.record.id.starts_with("x")) {
    p.error = record_error("list", item.record, "refused");
  } else {
    p.result = item.record.id + "\n";
  }
  return p;
}

TEST(RecordStream, DeliversInInputOrderAndReportsEachFailure) {
  std::vector<std::string> ids;
  for (int i = 0; i < 300; ++i) ids.push_back((i % 7 == 3 ? "x" : "r") + std::to_string(i));
  ListSource source(ids);
  std::ostringstream out, err;
  const RecordCounts counts = stream_in_order<std::string>(
      source, 3, [](seqio::ReadResult& item, int) { return echo(item); },
      [&](std::string&& text) { out << text; }, out, err);
  std::string expected_out, expected_err;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].starts_with("x")) {
      expected_err += "error: list: record '" + ids[i] + "' (#" + std::to_string(i + 1) +
                      "): refused\n";
    } else {
      expected_out += ids[i] + "\n";
    }
  }
  EXPECT_EQ(out.str(), expected_out);
  EXPECT_EQ(err.str(), expected_err);
  EXPECT_EQ(counts.failed, 43u);
  EXPECT_EQ(counts.ok, 257u);
  EXPECT_EQ(exit_status(counts, "list", err), 0);
}

TEST(RecordStream, AnInputFailureKeepsWhatCameBeforeIt) {
  ListSource source({"a", "!", "b", "c", "d"}, 3);
  std::ostringstream out, err;
  const RecordCounts counts = stream_in_order<std::string>(
      source, 2, [](seqio::ReadResult& item, int) { return echo(item); },
      [&](std::string&& text) { out << text; }, out, err);
  EXPECT_EQ(out.str(), "a\nb\n");
  EXPECT_EQ(counts.ok, 2u);
  EXPECT_EQ(counts.failed, 1u);
  EXPECT_NE(err.str().find("bad"), std::string::npos);
  EXPECT_THROW(source.rethrow_input_error(), Error);
}

// Issue 15, item 6: duplicate ids passed without a warning.
TEST(RecordStream, RepeatedIdsAreWarnedAboutAfterTheOutput) {
  ListSource source({"a", "b", "a", "c", "b", "a"});
  std::ostringstream out, err;
  const RecordCounts counts = stream_in_order<std::string>(
      source, 2, [](seqio::ReadResult& item, int) { return echo(item); },
      [&](std::string&& text) { out << text; }, out, err);
  EXPECT_EQ(counts.ok, 6u);
  EXPECT_EQ(out.str(), "a\nb\na\nc\nb\na\n");
  EXPECT_EQ(err.str(),
            "warning: list: record 'a' (#3) repeats the id of record #1\n"
            "warning: list: record 'b' (#5) repeats the id of record #2\n"
            "warning: list: record 'a' (#6) repeats the id of record #1\n");
}

TEST(RecordStream, ManyRepeatedIdsAreCountedBeyondTheListedOnes) {
  std::vector<std::string> ids(25, "same");
  ListSource source(ids);
  std::ostringstream out, err;
  stream_in_order<std::string>(
      source, 1, [](seqio::ReadResult& item, int) { return echo(item); },
      [&](std::string&& text) { out << text; }, out, err);
  EXPECT_NE(err.str().find("record 'same' (#11) repeats the id of record #1\n"), std::string::npos);
  EXPECT_EQ(err.str().find("(#12)"), std::string::npos);
  EXPECT_NE(err.str().find("warning: list: 14 more records repeat an earlier id\n"),
            std::string::npos);
}

TEST(RecordStream, ExitStatusFailsOnlyWhenNothingWorked) {
  std::ostringstream err;
  EXPECT_EQ(exit_status({0, 0}, "<stdin>", err), 0);
  EXPECT_EQ(err.str(), "warning: no FASTA records in <stdin>\n");
  err.str("");
  EXPECT_EQ(exit_status({0, 2}, "f.fa", err), 1);
  EXPECT_EQ(err.str(), "mirgene: 2 of 2 records could not be processed\n");
  EXPECT_EQ(exit_status({1, 2}, "f.fa", err), 0);
}

TEST(CappedSource, PassesTheFirstItemsAndSaysWhetherMoreWereLeft) {
  ListSource five({"a", "b", "c", "d", "e"});
  CappedSource capped(five, 3);
  seqio::ReadResult item;
  std::string seen;
  while (capped.next(item)) seen += item.record.id;
  EXPECT_EQ(seen, "abc");
  EXPECT_TRUE(capped.truncated());
  EXPECT_FALSE(capped.next(item));
  EXPECT_EQ(capped.count_left_out(), 2u);

  ListSource three({"a", "b", "c"});
  CappedSource exact(three, 3);
  while (exact.next(item)) {
  }
  EXPECT_FALSE(exact.truncated());
  EXPECT_EQ(exact.count_left_out(), 0u);
}

}  // namespace
}  // namespace mirgene::predict
