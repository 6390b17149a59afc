#include "rpc/address.h"

#include <gtest/gtest.h>

namespace sutra::rpc {
namespace {

TEST(Address, AcceptsHostPortForms) {
  for (const char* address : {"127.0.0.1:7687", "localhost:1", "*:65535", "[::1]:7687"}) {
    auto port = ParseAddressPort(address, PortZero::kRefuse);
    EXPECT_TRUE(port.ok()) << address << ": " << port.status().ToString();
  }
  auto port = ParseAddressPort("[::1]:7687", PortZero::kRefuse);
  ASSERT_TRUE(port.ok());
  EXPECT_EQ(*port, 7687);
}

TEST(Address, PortZeroOnlyWhenAllowed) {
  auto listen = ParseAddressPort("127.0.0.1:0", PortZero::kAllow);
  ASSERT_TRUE(listen.ok());
  EXPECT_EQ(*listen, 0);

  auto connect = ParseAddressPort("127.0.0.1:0", PortZero::kRefuse);
  ASSERT_FALSE(connect.ok());
  EXPECT_EQ(connect.status().code(), StatusCode::kInvalidArgument);
}

TEST(Address, RefusesMalformedAddressesQuotingThem) {
  for (const char* address : {"", "127.0.0.1", ":7687", "host:", "host:http", "host:65536",
                              "host:-1", "host:12x", "::1:7687", "[::1:7687", "[]:7687"}) {
    auto port = ParseAddressPort(address, PortZero::kAllow);
    ASSERT_FALSE(port.ok()) << address;
    EXPECT_EQ(port.status().code(), StatusCode::kInvalidArgument) << address;
    EXPECT_NE(port.status().message().find('"' + std::string(address) + '"'), std::string::npos)
        << port.status().message();
  }
}

}  // namespace
}  // namespace sutra::rpc
