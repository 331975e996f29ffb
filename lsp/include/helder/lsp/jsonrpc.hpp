// JSON-RPC 2.0 as LSP uses it: message shapes, error codes, and checked access to parameters.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace helder::lsp {

using json = nlohmann::json;

namespace error_code {
constexpr int parse_error = -32700;
constexpr int invalid_request = -32600;
constexpr int method_not_found = -32601;
constexpr int invalid_params = -32602;
constexpr int internal_error = -32603;
constexpr int server_not_initialized = -32002;
constexpr int request_failed = -32803;
constexpr int server_cancelled = -32802;
constexpr int content_modified = -32801;
constexpr int request_cancelled = -32800;
}  // namespace error_code

// A request that cannot be answered with a result: becomes a JSON-RPC error response (or, for a
// notification, a log message).
class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// What a parsed message is. `id` is null for notifications (and for responses without a usable id).
struct Message {
  enum class Kind { Request, Notification, Response, Invalid } kind = Kind::Invalid;
  json id;              // number or string
  std::string method;   // requests and notifications
  json params;          // may be null
  json body;            // the whole message
  std::string problem;  // Invalid: why
};

// Classifies a body; never throws. Kind::Invalid with `problem` set for JSON that is not a message;
// `parse_error` is set when the body is not JSON at all.
Message parse_message(std::string_view body, bool& parse_error);

json response(const json& id, json result);
json error_response(const json& id, int code, const std::string& message, json data = nullptr);
json notification(std::string_view method, json params);
json request(const json& id, std::string_view method, json params);

// Serialises without throwing on invalid UTF-8 (replaced by U+FFFD).
std::string dump(const json& message);

// Checked access to parameters: throws ProtocolError(invalid_params) naming the missing or wrong field.
const json& member(const json& object, std::string_view key);
const json* optional_member(const json& object, std::string_view key);
std::string string_member(const json& object, std::string_view key);
std::int64_t integer_member(const json& object, std::string_view key);
std::uint32_t uinteger_member(const json& object, std::string_view key);

}  // namespace helder::lsp
