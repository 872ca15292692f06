#include "scan/settings.hpp"

#include "common/error.hpp"

namespace mirgene::scan {

void check_settings(const ScanSettings& s) {
  if (s.span < 20 || s.span > 400)
    throw Error("scan: --span must be from 20 to 400 nt, not " + std::to_string(s.span));
  if (s.chunk < s.span || s.chunk > 1000000)
    throw Error("scan: --chunk must be from --span (" + std::to_string(s.span) +
                ") to 1000000 nt, not " + std::to_string(s.chunk));
  if (s.flank < 0 || s.flank > 100)
    throw Error("scan: --flank must be from 0 to 100 nt, not " + std::to_string(s.flank));
  if (s.min_length < 0 || s.min_length > 400)
    throw Error("scan: --min-length must be from 0 to 400 nt, not " +
                std::to_string(s.min_length));
  if (s.min_pairs < 1)
    throw Error("scan: --min-pairs must be at least 1, not " + std::to_string(s.min_pairs));
  if (!(s.threshold >= 0.0 && s.threshold <= 1.0))
    throw Error("scan: --threshold must be from 0 to 1");
  if (!s.plus && !s.minus) throw Error("scan: no strand to scan");
  if (s.offset < 0) throw Error("scan: --offset must not be negative");
  if (s.region_start < 0 || (s.region_end >= 0 && s.region_end < s.region_start))
    throw Error("scan: --region must be START-END with 0 <= START <= END");
}

}  // namespace mirgene::scan
