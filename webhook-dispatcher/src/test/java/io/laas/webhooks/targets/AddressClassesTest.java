package io.laas.webhooks.targets;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressClassesTest {

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource({
			// IPv4
			"8.8.8.8, PUBLIC", "1.1.1.1, PUBLIC", "93.184.216.34, PUBLIC", "172.15.255.255, PUBLIC",
			"172.32.0.1, PUBLIC", "100.63.255.255, PUBLIC", "100.128.0.1, PUBLIC", "169.253.255.255, PUBLIC",
			"223.255.255.255, PUBLIC", "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "127.0.0.1, LOOPBACK",
			"127.255.255.254, LOOPBACK", "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE",
			"172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE", "169.254.169.254, METADATA", "169.254.0.1, LINK_LOCAL",
			"169.254.170.2, LINK_LOCAL", "100.64.0.1, CARRIER_GRADE_NAT", "100.100.100.200, CARRIER_GRADE_NAT",
			"100.127.255.255, CARRIER_GRADE_NAT", "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST",
			"255.255.255.255, BROADCAST", "240.0.0.1, RESERVED", "192.0.0.170, RESERVED", "192.0.2.1, RESERVED",
			"198.51.100.7, RESERVED", "203.0.113.9, RESERVED", "198.18.0.1, RESERVED", "198.19.255.255, RESERVED",
			// IPv6
			"2606:4700:4700::1111, PUBLIC", "2a00:1450:4001:82a::200e, PUBLIC", ":: , UNSPECIFIED", "::1, LOOPBACK",
			"fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL", "fec0::1, PRIVATE", "fc00::1, UNIQUE_LOCAL",
			"fd12:3456:789a::1, UNIQUE_LOCAL", "fd00:ec2::254, METADATA", "ff02::1, MULTICAST",
			"ff05::1:3, MULTICAST", "2001:db8::1, RESERVED", "2001:0:4136:e378::1, RESERVED", "100::1, RESERVED",
			"::127.0.0.1, RESERVED",
			// IPv6 forms that lead to an IPv4 address are judged by that address
			"::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, METADATA", "::ffff:8.8.8.8, PUBLIC",
			"64:ff9b::7f00:1, LOOPBACK", "64:ff9b::a9fe:a9fe, METADATA", "64:ff9b::808:808, PUBLIC",
			"64:ff9b:1::1, RESERVED", "2002:7f00:1::1, LOOPBACK", "2002:c0a8:101::1, PRIVATE",
			"2002:808:808::1, PUBLIC" })
	void of_classifiesTheAddress(String literal, AddressClass expected) throws UnknownHostException {
		// An IP literal: InetAddress parses it without any DNS lookup.
		assertThat(AddressClasses.of(InetAddress.getByName(literal.trim()))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "::ffff:7f00:1", "0:0:0:0:0:ffff:127.0.0.1" })
	void of_seesThroughIpv4MappedSpellings(String literal) throws UnknownHostException {
		assertThat(AddressClasses.of(InetAddress.getByName(literal))).isEqualTo(AddressClass.LOOPBACK);
	}

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, LOOPBACK", "10.0.0.1, PRIVATE", "8.8.8.8, PUBLIC" })
	void of_classifiesMappedBytesGivenAsIpv6_too(String literal, AddressClass expected) throws UnknownHostException {
		byte[] mapped = new byte[16];
		mapped[10] = (byte) 0xFF;
		mapped[11] = (byte) 0xFF;
		System.arraycopy(InetAddress.getByName(literal).getAddress(), 0, mapped, 12, 4);
		// Inet6Address.getByAddress keeps the 16 bytes as an IPv6 address (getByAddress would turn them into IPv4).
		InetAddress ipv6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
		assertThat(ipv6).isInstanceOf(java.net.Inet6Address.class);
		assertThat(AddressClasses.of(ipv6)).isEqualTo(expected);
	}

}
