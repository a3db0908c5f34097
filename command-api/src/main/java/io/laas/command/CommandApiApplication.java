package io.laas.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** REST commands, the dashboard's read endpoints and the CDC relay that publishes the events table to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CommandApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(CommandApiApplication.class, args);
	}

}
