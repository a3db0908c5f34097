package io.laas.command.apikey;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.laas.command.ratelimit.RateLimits;
import io.laas.command.web.ProblemWriter;

@Configuration(proxyBeanMethods = false)
class ApiKeyFilterRegistration {

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, ProblemWriter problems, RateLimits rateLimits) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys, problems, rateLimits));
		registration.addUrlPatterns("/v1/*");
		registration.setOrder(10);
		return registration;
	}

}
