package io.laas.projector;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock of the application, so that tests can replace it. */
@Configuration(proxyBeanMethods = false)
class ProjectorClock {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
