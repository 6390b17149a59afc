#include "rpc/address.h"

#include <charconv>
#include <string>

namespace sutra::rpc {
namespace {

Status Malformed(std::string_view address, std::string_view why) {
  return InvalidArgument("address \"" + std::string(address) + "\" " + std::string(why) +
                         "; expected HOST:PORT, e.g. 127.0.0.1:7687 or [::1]:7687");
}

}  // namespace

StatusOr<std::uint16_t> ParseAddressPort(std::string_view address, PortZero port_zero) {
  const std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return Malformed(address, "has no port");
  const std::string_view host = address.substr(0, colon);
  const std::string_view port_text = address.substr(colon + 1);

  if (host.empty()) return Malformed(address, "has no host");
  const bool bracketed = host.front() == '[';
  if (bracketed && (host.size() < 3 || host.back() != ']')) {
    return Malformed(address, "has an unterminated IPv6 bracket");
  }
  if (!bracketed && host.find(':') != std::string_view::npos) {
    return Malformed(address, "has an IPv6 host without brackets");
  }

  unsigned port = 0;
  const char* end = port_text.data() + port_text.size();
  const auto [stop, error] = std::from_chars(port_text.data(), end, port);
  if (port_text.empty() || error != std::errc() || stop != end || port > 65535) {
    return Malformed(address, "has a port that is not a number from 0 to 65535");
  }
  if (port == 0 && port_zero == PortZero::kRefuse) {
    return Malformed(address, "has port 0, which can only be listened on");
  }
  return static_cast<std::uint16_t>(port);
}

}  // namespace sutra::rpc
