package io.laas.command.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Tomcat's own refusals — a request line or headers above the size limit, a URI it cannot decode — happen before
 * Spring sees the request, and Tomcat would answer them with an HTML page. This valve, in place of Tomcat's error
 * report valve, answers them with problem+json like every other refusal of the API. It writes only when nothing
 * else wrote a body.
 */
public class ProblemReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String code = ProblemHandler.slugOf(status);
		String detail = status >= 500 ? "The request could not be completed and was logged."
				: "The server refused the request before reading it: its request line, headers or URI are malformed "
						+ "or too large.";
		// Only constants and numbers go into this body: nothing of the request is echoed.
		String body = "{\"type\":\"" + Problems.TYPE_BASE + code + "\",\"title\":\"" + ProblemHandler.titleOf(status)
				+ "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code
				+ "\",\"errors\":[]}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed meanwhile: nothing left to tell it.
		}
	}

	/** Replaces the error report valve Spring Boot puts on the host (registered after Boot's own customizer). */
	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
			return factory -> factory.addContextCustomizers(context -> {
				if (context.getParent() instanceof StandardHost host) {
					for (Valve valve : host.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve) {
							host.getPipeline().removeValve(valve);
						}
					}
					host.setErrorReportValveClass(ProblemReportValve.class.getName());
					host.getPipeline().addValve(new ProblemReportValve());
				}
			});
		}

	}

}
