package io.laas.command.apikey;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.laas.command.web.ProblemWriter;

@Configuration(proxyBeanMethods = false)
class ApiKeyFilterRegistration {

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, ProblemWriter problems) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys, problems));
		registration.addUrlPatterns("/v1/*");
		registration.setOrder(10);
		return registration;
	}

}
