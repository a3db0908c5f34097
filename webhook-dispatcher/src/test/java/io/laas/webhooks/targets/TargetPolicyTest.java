package io.laas.webhooks.targets;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetPolicyTest {

	/** A DNS stand-in: names map to fixed addresses, everything else does not resolve. */
	private static final TargetPolicy.Resolver DNS = (host) -> {
		Map<String, String[]> records = Map.of("hooks.example.com", new String[] { "93.184.216.34" },
				"rebinding.example.com", new String[] { "93.184.216.34", "127.0.0.1" }, "metadata.example.com",
				new String[] { "169.254.169.254" }, "internal.example.com", new String[] { "10.1.2.3", "fd00::1" });
		String[] addresses = records.get(host);
		if (addresses == null) {
			return InetAddress.getAllByName(host); // IP literals only: the tests never look up real names
		}
		InetAddress[] resolved = new InetAddress[addresses.length];
		for (int i = 0; i < addresses.length; i++) {
			resolved[i] = InetAddress.getByName(addresses[i]);
		}
		return resolved;
	};

	private final TargetPolicy production = new TargetPolicy(false, false, DNS);

	@Test
	void check_allowsHttpsToAPublicHost() throws RefusedTarget {
		assertThat(this.production.check("https://hooks.example.com/laas?x=1"))
			.isEqualTo(URI.create("https://hooks.example.com/laas?x=1"));
	}

	@Test
	void check_refusesHttp_unlessAllowed() throws RefusedTarget {
		assertThatThrownBy(() -> this.production.check("http://hooks.example.com/laas")).isInstanceOf(RefusedTarget.class)
			.hasMessageContaining("https");
		assertThat(new TargetPolicy(false, true, DNS).check("http://hooks.example.com/laas")).isNotNull();
	}

	@Test
	void check_refusesOtherSchemesAndBrokenUrls() {
		assertThatThrownBy(() -> this.production.check("ftp://hooks.example.com/")).isInstanceOf(RefusedTarget.class);
		assertThatThrownBy(() -> this.production.check("file:///etc/passwd")).isInstanceOf(RefusedTarget.class);
		assertThatThrownBy(() -> this.production.check("https:///no-host")).isInstanceOf(RefusedTarget.class);
		assertThatThrownBy(() -> this.production.check("not a url")).isInstanceOf(RefusedTarget.class);
	}

	@Test
	void check_refusesLoopbackLiterals() {
		assertThatThrownBy(() -> this.production.check("https://127.0.0.1:8443/hook")).isInstanceOf(RefusedTarget.class)
			.hasMessageContaining("loopback");
		assertThatThrownBy(() -> this.production.check("https://[::1]/hook")).isInstanceOf(RefusedTarget.class)
			.hasMessageContaining("loopback");
		assertThatThrownBy(() -> this.production.check("https://[::ffff:127.0.0.1]/hook"))
			.isInstanceOf(RefusedTarget.class)
			.hasMessageContaining("loopback");
	}

	@Test
	void check_refusesNamesResolvingToAnyNonPublicAddress() {
		assertThatThrownBy(() -> this.production.check("https://rebinding.example.com/")).isInstanceOf(RefusedTarget.class)
			.hasMessageContaining("127.0.0.1");
		assertThatThrownBy(() -> this.production.check("https://metadata.example.com/")).isInstanceOf(RefusedTarget.class)
			.hasMessageContaining("metadata");
		assertThatThrownBy(() -> this.production.check("https://internal.example.com/")).isInstanceOf(RefusedTarget.class)
			.hasMessageContaining("private");
	}

	@Test
	void check_reportsAnUnresolvableHost_asNotPermanent() {
		TargetPolicy noDns = new TargetPolicy(false, false, (host) -> {
			throw new UnknownHostException(host);
		});
		assertThatThrownBy(() -> noDns.check("https://gone.example.com/")).isInstanceOfSatisfying(RefusedTarget.class,
				(refused) -> assertThat(refused.permanent()).isFalse());
	}

	@Test
	void check_allowsPrivateTargets_whenConfigured() throws RefusedTarget {
		TargetPolicy dev = new TargetPolicy(true, true, DNS);
		assertThat(dev.check("http://127.0.0.1:9000/hook")).isNotNull();
		assertThat(dev.check("http://internal.example.com/hook")).isNotNull();
	}

}
