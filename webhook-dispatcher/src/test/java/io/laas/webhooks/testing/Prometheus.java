package io.laas.webhooks.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ConfigurableApplicationContext;

/** One scrape of a dispatcher's {@code /actuator/prometheus}, read like Prometheus would. */
public final class Prometheus {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");

	private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private record Sample(String name, Map<String, String> labels, double value) {
	}

	private final String text;

	private final List<Sample> samples;

	private Prometheus(String text) {
		this.text = text;
		this.samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line);
			if (!sample.find()) {
				throw new IllegalStateException("not a Prometheus sample: " + line);
			}
			Map<String, String> labels = new HashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			this.samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
		}
	}

	public static Prometheus scrape(ConfigurableApplicationContext dispatcher) {
		String port = dispatcher.getEnvironment().getProperty("local.server.port");
		try {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
						.timeout(Duration.ofSeconds(10))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
			}
			return new Prometheus(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not scrape the dispatcher", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The sum of the series of {@code name} that carry all of {@code labels} ("key=value"); 0 if there is none, as
	 * for a counter not incremented yet.
	 */
	public double value(String name, String... labels) {
		Map<String, String> wanted = new HashMap<>();
		for (String label : labels) {
			int equals = label.indexOf('=');
			wanted.put(label.substring(0, equals), label.substring(equals + 1));
		}
		return this.samples.stream()
			.filter((sample) -> sample.name().equals(name))
			.filter((sample) -> sample.labels().entrySet().containsAll(wanted.entrySet()))
			.mapToDouble(Sample::value)
			.sum();
	}

	public boolean has(String name) {
		return this.samples.stream().anyMatch((sample) -> sample.name().equals(name));
	}

	public String text() {
		return this.text;
	}

}
