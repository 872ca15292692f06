#include "predict/score_stream.hpp"

#include <memory>
#include <vector>

#include "predict/scorer.hpp"

namespace mirgene::predict {

RecordCounts score_in_order(SequenceSource& source, std::span<const nn::Network> members,
                            Detail detail, int threads,
                            const std::function<void(ScoredSequence&&)>& deliver, std::ostream& out,
                            std::ostream& err) {
  std::vector<std::unique_ptr<Scorer>> scorers;
  for (int t = 0; t < threads; ++t) scorers.push_back(std::make_unique<Scorer>(members, detail));
  return stream_in_order<ScoredSequence>(
      source, threads,
      [&](seqio::ReadResult& item, int worker) {
        Processed<ScoredSequence> p;
        const genome::Coordinates* where = source.coordinates(item.record.number);
        if (item.error) {
          p.error = item.error->to_string();
          p.result.id = item.error->id;
          p.result.status = "invalid record: " + item.error->message;
        } else {
          p.result = scorers[worker]->score(item.record);
          if (!p.result.scored())
            p.error = record_error(source.name(), item.record, p.result.status);
        }
        if (where) p.result.locus = *where;
        return p;
      },
      deliver, out, err);
}

}  // namespace mirgene::predict
