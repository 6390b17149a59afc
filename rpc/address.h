// Checking "HOST:PORT" network addresses before they reach KJ's resolver, so that a typo is
// reported as InvalidArgument naming the address rather than as an opaque network failure.
#pragma once

#include <cstdint>
#include <string_view>

#include "storage/status.h"

namespace sutra::rpc {

enum class PortZero : bool {
  kRefuse = false,  // a client must name a real port
  kAllow = true,    // a server may ask the kernel to pick a free port
};

// Accepts "HOST:PORT" where HOST is a name ("localhost"), an IPv4 address ("127.0.0.1"), "*"
// (every local address) or a bracketed IPv6 address ("[::1]"), and PORT is decimal 0..65535.
// Returns the port, or InvalidArgument quoting `address` and showing the expected form.
// Whether HOST resolves is not checked here.
StatusOr<std::uint16_t> ParseAddressPort(std::string_view address, PortZero port_zero);

}  // namespace sutra::rpc
