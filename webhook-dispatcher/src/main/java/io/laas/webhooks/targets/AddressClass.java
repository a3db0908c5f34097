package io.laas.webhooks.targets;

/** What an IP address is, as far as sending a webhook to it is concerned. Only {@link #PUBLIC} is a fair target. */
public enum AddressClass {

	PUBLIC("public"),
	/** 0.0.0.0/8, :: — connecting to it reaches the local host on Linux. */
	UNSPECIFIED("unspecified"),
	LOOPBACK("loopback"),
	/** RFC 1918 (10/8, 172.16/12, 192.168/16) and the deprecated IPv6 site-local fec0::/10. */
	PRIVATE("private"),
	/** 169.254/16, fe80::/10. */
	LINK_LOCAL("link-local"),
	/** Cloud instance metadata services: 169.254.169.254, fd00:ec2::254. */
	METADATA("cloud metadata"),
	/** 100.64/10 (RFC 6598), also home of some providers' metadata services. */
	CARRIER_GRADE_NAT("carrier-grade NAT"),
	/** fc00::/7 (RFC 4193). */
	UNIQUE_LOCAL("unique-local"),
	MULTICAST("multicast"),
	/** 255.255.255.255. */
	BROADCAST("broadcast"),
	/** Documentation, benchmarking, protocol-assignment, Teredo, 240/4 and other ranges no webhook lives in. */
	RESERVED("reserved");

	private final String description;

	AddressClass(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

	public boolean isPublic() {
		return this == PUBLIC;
	}

}
