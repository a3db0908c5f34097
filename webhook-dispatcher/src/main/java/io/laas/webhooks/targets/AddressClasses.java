package io.laas.webhooks.targets;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Classifies IPv4 and IPv6 addresses. IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64
 * 64:ff9b::/96, 6to4 2002::/16) are classified by the IPv4 address they lead to.
 */
public final class AddressClasses {

	private AddressClasses() {
	}

	public static AddressClass of(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return ofIpv4(toInt(bytes, 0));
		}
		if (address instanceof Inet6Address) {
			return ofIpv6(bytes);
		}
		throw new IllegalArgumentException("neither IPv4 nor IPv6: " + address);
	}

	static AddressClass ofIpv4(int ip) {
		if (in(ip, 0x00000000, 8)) {
			return AddressClass.UNSPECIFIED; // 0.0.0.0/8 "this network"
		}
		if (in(ip, 0x0A000000, 8) || in(ip, 0xAC100000, 12) || in(ip, 0xC0A80000, 16)) {
			return AddressClass.PRIVATE; // 10/8, 172.16/12, 192.168/16
		}
		if (in(ip, 0x64400000, 10)) {
			return AddressClass.CARRIER_GRADE_NAT; // 100.64/10
		}
		if (in(ip, 0x7F000000, 8)) {
			return AddressClass.LOOPBACK; // 127/8
		}
		if (ip == 0xA9FEA9FE) {
			return AddressClass.METADATA; // 169.254.169.254
		}
		if (in(ip, 0xA9FE0000, 16)) {
			return AddressClass.LINK_LOCAL; // 169.254/16
		}
		if (in(ip, 0xC0000000, 24) || in(ip, 0xC0000200, 24) || in(ip, 0xC6336400, 24) || in(ip, 0xCB007100, 24)
				|| in(ip, 0xC0586300, 24) || in(ip, 0xC6120000, 15)) {
			// 192.0.0/24 protocol assignments, 192.0.2/24, 198.51.100/24, 203.0.113/24 documentation,
			// 192.88.99/24 6to4 relay anycast, 198.18/15 benchmarking
			return AddressClass.RESERVED;
		}
		if (in(ip, 0xE0000000, 4)) {
			return AddressClass.MULTICAST; // 224/4
		}
		if (ip == 0xFFFFFFFF) {
			return AddressClass.BROADCAST;
		}
		if (in(ip, 0xF0000000, 4)) {
			return AddressClass.RESERVED; // 240/4
		}
		return AddressClass.PUBLIC;
	}

	static AddressClass ofIpv6(byte[] b) {
		if (allZero(b, 0, 15)) {
			if (b[15] == 0) {
				return AddressClass.UNSPECIFIED; // ::
			}
			if (b[15] == 1) {
				return AddressClass.LOOPBACK; // ::1
			}
		}
		if (allZero(b, 0, 10) && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) {
			return ofIpv4(toInt(b, 12)); // ::ffff:a.b.c.d
		}
		if (allZero(b, 0, 12)) {
			return AddressClass.RESERVED; // ::a.b.c.d, deprecated IPv4-compatible
		}
		int first16 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
		int second16 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
		if (first16 == 0x0064 && second16 == 0xFF9B) {
			if (allZero(b, 4, 12)) {
				return ofIpv4(toInt(b, 12)); // 64:ff9b::/96 NAT64
			}
			return AddressClass.RESERVED; // 64:ff9b:1::/48 local-use NAT64
		}
		if (first16 == 0x2002) {
			return ofIpv4(toInt(b, 2)); // 6to4
		}
		if (first16 == 0x2001 && second16 == 0x0000) {
			return AddressClass.RESERVED; // Teredo: the IPv4 end is obfuscated; nothing to check
		}
		if (first16 == 0x2001 && second16 == 0x0DB8) {
			return AddressClass.RESERVED; // documentation
		}
		if (first16 == 0x0100 && allZero(b, 2, 8)) {
			return AddressClass.RESERVED; // 100::/64 discard-only
		}
		if (first16 == 0xFD00 && second16 == 0x0EC2 && allZero(b, 4, 14) && b[14] == 0x02 && b[15] == 0x54) {
			return AddressClass.METADATA; // fd00:ec2::254, AWS IMDS over IPv6
		}
		if ((b[0] & 0xFE) == 0xFC) {
			return AddressClass.UNIQUE_LOCAL; // fc00::/7
		}
		if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80) {
			return AddressClass.LINK_LOCAL; // fe80::/10
		}
		if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) {
			return AddressClass.PRIVATE; // fec0::/10 site-local, deprecated
		}
		if ((b[0] & 0xFF) == 0xFF) {
			return AddressClass.MULTICAST; // ff00::/8
		}
		return AddressClass.PUBLIC;
	}

	private static boolean in(int ip, int network, int prefixLength) {
		int mask = (prefixLength == 0) ? 0 : -1 << (32 - prefixLength);
		return (ip & mask) == (network & mask);
	}

	private static int toInt(byte[] b, int from) {
		return ((b[from] & 0xFF) << 24) | ((b[from + 1] & 0xFF) << 16) | ((b[from + 2] & 0xFF) << 8)
				| (b[from + 3] & 0xFF);
	}

	/** True if bytes [from, to) are all zero. */
	private static boolean allZero(byte[] b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
