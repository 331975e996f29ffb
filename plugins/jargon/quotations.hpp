// Quotations "marked as such": the words inside are someone else's, so the jargon checks leave them alone.
#pragma once

#include <string_view>

namespace helder::jargon {

// Follows the quotation marks of a paragraph, token by token.
class Quotations {
 public:
  // Feed every punctuation or symbol token, in order.
  void see(std::string_view mark) {
    if (mark == "«" || mark == "„" || mark == "“" || mark == ",,") {
      ++depth_;
    } else if ((mark == "»" || mark == "”" || mark == "''") && depth_ > 0) {
      --depth_;
    } else if (mark == "\"") {
      in_straight_ = !in_straight_;  // a straight double quote opens and closes
    }
  }
  bool inside() const { return depth_ > 0 || in_straight_; }

 private:
  int depth_ = 0;
  bool in_straight_ = false;
};

}  // namespace helder::jargon
