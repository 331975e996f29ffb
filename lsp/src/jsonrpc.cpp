// JSON-RPC 2.0 messages (see jsonrpc.hpp).
#include <helder/lsp/jsonrpc.hpp>

#include <limits>

namespace helder::lsp {

Message parse_message(std::string_view body, bool& parse_error) {
  Message m;
  parse_error = false;
  try {
    m.body = json::parse(body);
  } catch (const json::parse_error& e) {
    parse_error = true;
    m.problem = e.what();
    return m;
  }
  const json& b = m.body;
  if (!b.is_object()) {
    m.problem = "a message must be a JSON object";
    return m;
  }
  if (const auto id = b.find("id"); id != b.end()) {
    if (id->is_number_integer() || id->is_string()) m.id = *id;
    else if (!id->is_null()) {
      m.problem = "\"id\" must be a number or a string";
      return m;
    }
  }
  if (const auto v = b.find("jsonrpc"); v == b.end() || *v != "2.0") {
    m.problem = "\"jsonrpc\" must be \"2.0\"";
    return m;
  }
  const auto method = b.find("method");
  if (method == b.end()) {
    if (b.contains("result") || b.contains("error")) {
      m.kind = Message::Kind::Response;
    } else {
      m.problem = "a message needs \"method\", \"result\" or \"error\"";
    }
    return m;
  }
  if (!method->is_string()) {
    m.problem = "\"method\" must be a string";
    return m;
  }
  m.method = method->get<std::string>();
  if (const auto params = b.find("params"); params != b.end()) {
    if (!params->is_object() && !params->is_array() && !params->is_null()) {
      m.problem = "\"params\" must be an object or an array";
      return m;
    }
    m.params = *params;
  }
  m.kind = b.contains("id") && !b["id"].is_null() ? Message::Kind::Request : Message::Kind::Notification;
  return m;
}

json response(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json error_response(const json& id, int code, const std::string& message, json data) {
  json error{{"code", code}, {"message", message}};
  if (!data.is_null()) error["data"] = std::move(data);
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

json notification(std::string_view method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json request(const json& id, std::string_view method, json params) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

std::string dump(const json& message) { return message.dump(-1, ' ', false, json::error_handler_t::replace); }

const json& member(const json& object, std::string_view key) {
  if (const json* m = optional_member(object, key)) return *m;
  throw ProtocolError(error_code::invalid_params, "missing field \"" + std::string(key) + "\"");
}

const json* optional_member(const json& object, std::string_view key) {
  if (!object.is_object()) throw ProtocolError(error_code::invalid_params, "expected an object around \"" + std::string(key) + "\"");
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string string_member(const json& object, std::string_view key) {
  const json& m = member(object, key);
  if (!m.is_string()) throw ProtocolError(error_code::invalid_params, "\"" + std::string(key) + "\" must be a string");
  return m.get<std::string>();
}

std::int64_t integer_member(const json& object, std::string_view key) {
  const json& m = member(object, key);
  if (!m.is_number_integer()) throw ProtocolError(error_code::invalid_params, "\"" + std::string(key) + "\" must be an integer");
  return m.get<std::int64_t>();
}

std::uint32_t uinteger_member(const json& object, std::string_view key) {
  const std::int64_t v = integer_member(object, key);
  if (v < 0 || v > std::numeric_limits<std::uint32_t>::max())
    throw ProtocolError(error_code::invalid_params, "\"" + std::string(key) + "\" is out of range");
  return static_cast<std::uint32_t>(v);
}

}  // namespace helder::lsp
