#pragma once
// The first N items of another source, and whether there were more (`mirgene report` keeps
// its page responsive this way and tells the user what it left out).
#include <cstddef>

#include "predict/sequence_source.hpp"

namespace mirgene::predict {

class CappedSource final : public SequenceSource {
 public:
  CappedSource(SequenceSource& inner, std::size_t limit) : inner_(inner), limit_(limit) {}

  bool next(seqio::ReadResult& item) override {
    if (passed_ == limit_) {
      // One look ahead says whether anything was left out.
      if (!looked_ahead_) {
        looked_ahead_ = true;
        seqio::ReadResult extra;
        truncated_ = inner_.next(extra);
      }
      return false;
    }
    ++passed_;
    return inner_.next(item);
  }
  void rethrow_input_error() const override { inner_.rethrow_input_error(); }
  const std::string& name() const override { return inner_.name(); }
  const genome::Coordinates* coordinates(std::size_t number) const override {
    return inner_.coordinates(number);
  }

  // True when the inner source had an item after the first `limit`.
  bool truncated() const { return truncated_; }

  // How many items the inner source held after the first `limit`: reads the rest of it
  // (reading is fast next to scoring). Call once, after the stream has ended.
  std::size_t count_left_out() {
    if (!truncated_) return 0;
    std::size_t left = 1;  // the one looked ahead at
    seqio::ReadResult item;
    while (inner_.next(item)) ++left;
    return left;
  }

 private:
  SequenceSource& inner_;
  std::size_t limit_;
  std::size_t passed_ = 0;
  bool looked_ahead_ = false;
  bool truncated_ = false;
};

}  // namespace mirgene::predict
