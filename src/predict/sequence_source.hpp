#pragma once
// Where the sequences to score come from. The scorer and the ordered streaming do not care:
// FASTA records today, genome windows tomorrow. Each item is a named sequence, or a record
// the source could not read (with an error that names it).
#include <cstddef>
#include <string>

#include "genome/locus.hpp"
#include "seqio/fasta_reader.hpp"

namespace mirgene::predict {

class SequenceSource {
 public:
  virtual ~SequenceSource() = default;

  // Fills `item` with the next sequence or unreadable record and returns true; false at the
  // end. Reuse one item across calls to keep its string capacity. A failure of the input as
  // a whole ends the stream instead of throwing, so that every item before it is still
  // processed; rethrow_input_error() reports it afterwards.
  virtual bool next(seqio::ReadResult& item) = 0;

  // Throws the failure that ended the stream early, if there was one.
  virtual void rethrow_input_error() const = 0;

  // The input as messages name it: a file name, or "<stdin>".
  virtual const std::string& name() const = 0;

  // Where record `record_number` (1-based, Record::number) lies on a genome, for sources of
  // genome loci; nullptr for sequences that have no coordinates (FASTA records). Called from
  // worker threads while next() runs: a source answers from data fixed before the stream.
  virtual const genome::Coordinates* coordinates(std::size_t /*record_number*/) const {
    return nullptr;
  }
};

}  // namespace mirgene::predict
