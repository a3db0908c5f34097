package io.laas.command.session;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.laas.command.web.ProblemWriter;

@Configuration(proxyBeanMethods = false)
class SessionFilterRegistration {

	@Bean
	FilterRegistrationBean<SessionFilter> sessionFilter(SessionTokens tokens, ProblemWriter problems) {
		FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(
				new SessionFilter(tokens, problems));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(11);
		return registration;
	}

}
