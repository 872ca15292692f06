#pragma once
// Sequences held in memory, each with where it lies on a genome, as a SequenceSource: the
// calls of a scan scored again in detail for `scan --report`.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "predict/sequence_source.hpp"

namespace mirgene::predict {

class LocatedRecords final : public SequenceSource {
 public:
  explicit LocatedRecords(std::string name) : name_(std::move(name)) {}

  void add(std::string id, std::string seq, genome::Coordinates where) {
    seqio::Record r;
    r.number = records_.size() + 1;
    r.line = r.number;
    r.id = std::move(id);
    r.header = r.id;
    r.seq = std::move(seq);
    records_.push_back(std::move(r));
    where_.push_back(std::move(where));
  }
  std::size_t size() const { return records_.size(); }

  // Call add() no more once the stream has started (coordinates() is read by workers).
  bool next(seqio::ReadResult& item) override {
    if (next_ == records_.size()) return false;
    item.error.reset();
    item.record = records_[next_++];
    return true;
  }
  void rethrow_input_error() const override {}
  const std::string& name() const override { return name_; }
  const genome::Coordinates* coordinates(std::size_t number) const override {
    return number >= 1 && number <= where_.size() ? &where_[number - 1] : nullptr;
  }

 private:
  std::string name_;
  std::vector<seqio::Record> records_;
  std::vector<genome::Coordinates> where_;
  std::size_t next_ = 0;
};

}  // namespace mirgene::predict
