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

  // True when the inner source had an item after the first `limit`.
  bool truncated() const { return truncated_; }

 private:
  SequenceSource& inner_;
  std::size_t limit_;
  std::size_t passed_ = 0;
  bool looked_ahead_ = false;
  bool truncated_ = false;
};

}  // namespace mirgene::predict
