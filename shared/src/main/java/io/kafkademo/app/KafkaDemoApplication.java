package io.kafkademo.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application that both Service A and Service B run; they differ only in configuration. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KafkaDemoApplication {

	/** Starts a service; each service module's {@code main} delegates here. */
	public static void run(String[] args) {
		SpringApplication.run(KafkaDemoApplication.class, args);
	}

}
