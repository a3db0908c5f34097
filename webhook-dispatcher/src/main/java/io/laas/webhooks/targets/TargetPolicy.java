package io.laas.webhooks.targets;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard, applied before every attempt (redirects are never followed, so the checked URL is the only one
 * contacted): the URL must be http(s) — https unless {@code allowHttp} — and every address its host resolves to
 * must be public unless {@code allowPrivateTargets}.
 *
 * <p>
 * The check resolves the host through {@link InetAddress}, whose positive cache (30 s by default) the JDK's
 * HttpClient then uses for the connection, so the client connects to an address that was checked. A DNS answer
 * that changes between the two lookups could only slip through after the cache entry expired within those
 * microseconds; do not set {@code networkaddress.cache.ttl=0} on this JVM.
 */
public final class TargetPolicy {

	/** Resolves a host name (or an IP literal) to all of its addresses. */
	@FunctionalInterface
	public interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	private final boolean allowPrivateTargets;

	private final boolean allowHttp;

	private final Resolver resolver;

	public TargetPolicy(boolean allowPrivateTargets, boolean allowHttp, Resolver resolver) {
		this.allowPrivateTargets = allowPrivateTargets;
		this.allowHttp = allowHttp;
		this.resolver = resolver;
	}

	/** With the JVM's resolver. */
	public static TargetPolicy of(boolean allowPrivateTargets, boolean allowHttp) {
		return new TargetPolicy(allowPrivateTargets, allowHttp, InetAddress::getAllByName);
	}

	/**
	 * @return the URL to send to
	 * @throws RefusedTarget if it may not be contacted
	 */
	public URI check(String url) throws RefusedTarget {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException | NullPointerException ex) {
			throw new RefusedTarget("endpoint URL is not a valid URL", true);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !(scheme.equals("http") && this.allowHttp)) {
			throw new RefusedTarget(this.allowHttp ? "endpoint URL must be http or https"
					: "endpoint URL must be https (http targets are not allowed)", true);
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			throw new RefusedTarget("endpoint URL has no valid host", true);
		}
		if (this.allowPrivateTargets) {
			return uri;
		}
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw new RefusedTarget("host " + host + " does not resolve", false);
		}
		if (addresses == null || addresses.length == 0) {
			throw new RefusedTarget("host " + host + " does not resolve", false);
		}
		for (InetAddress address : addresses) {
			AddressClass addressClass = AddressClasses.of(address);
			if (!addressClass.isPublic()) {
				throw new RefusedTarget("host " + host + " resolves to " + address.getHostAddress() + ", a "
						+ addressClass.description() + " address (private targets are not allowed)", true);
			}
		}
		return uri;
	}

}
