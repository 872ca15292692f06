#pragma once
// Secondary-structure geometry for the report's structure view: the pair table of a
// dot-bracket string and a simple loop-based drawing layout. The page carries the layout's
// coordinates (html_report.cpp) and its script draws them (assets/report.js).
#include <string_view>
#include <vector>

namespace mirgene::report {

struct Point {
  double x = 0, y = 0;
};

// Coordinates of every base, in units of the distance between neighbouring bases (y grows
// downwards, as in SVG; the smallest x and y are 0).
//
// Every loop is drawn as a regular polygon whose sides are its backbone steps and its
// closing pairs, all of length 1; a stacked pair is then a unit square, so helices come out
// as ladders and hairpins, bulges and interior loops as circles at their ends and sides.
// The pair after a bulge or interior loop is turned parallel to the pair before it, so that
// stems stay straight (its backbone steps are then only close to 1).
// Outer bases between helices sit on a straight line, with each outer helix rising from it;
// unpaired 5' and 3' tails hang down from the first and last helix.
// The drawing is turned so that its long side is horizontal (a pre-miRNA hairpin lies
// along the page as miRBase draws it: 5' arm on top, loop at the right).
// Naive: branches of multiloops may overlap.
// Throws like fold::pair_table.
std::vector<Point> loop_layout(std::string_view dot_bracket);

}  // namespace mirgene::report
