/** Per-address keys: IPv4 as is (also when IPv4-mapped), IPv6 by its /64. */
import { describe, expect, it } from "vitest";
import { addressKey } from "../../../server/http/address";

describe("addressKey", () => {
  it("keeps an IPv4 address, also written IPv4-mapped", () => {
    expect(addressKey("192.168.1.20")).toBe("192.168.1.20");
    expect(addressKey("::ffff:192.168.1.20")).toBe("192.168.1.20");
  });

  it("counts every address of an IPv6 /64 as one", () => {
    const a = addressKey("2001:db8:1:2:aaaa::1");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe(a);
    expect(addressKey("2001:db8:1:3::1")).not.toBe(a);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("has a key for a socket with no address", () => {
    expect(addressKey(undefined)).toBe("unknown");
  });
});
