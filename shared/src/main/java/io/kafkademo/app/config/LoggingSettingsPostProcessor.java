package io.kafkademo.app.config;

import java.util.HashMap;
import java.util.Map;

import io.kafkademo.app.logging.EcsJsonFormatter;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps {@code LOG_LEVEL} onto the application's loggers and {@code LOG_FORMAT=json} onto Spring Boot's structured
 * console format, ECS as {@link EcsJsonFormatter} writes it. It must run before the logging system starts, so it cannot
 * be plain YAML: {@code text} has to mean "no structured format at all". Invalid values are ignored here and rejected
 * by {@link LoggingSettings}.
 */
class LoggingSettingsPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String APPLICATION_LOGGERS = "logging.level.io.kafkademo";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> derived = new HashMap<>();
		String level = LoggingSettings.normalise(environment.getProperty("demo.logging.level"), "info");
		if (LoggingSettings.LEVELS.contains(level)) {
			derived.put(APPLICATION_LOGGERS, level);
		}
		String format = LoggingSettings.normalise(environment.getProperty("demo.logging.format"), "text");
		if (format.equals("json")) {
			derived.put("logging.structured.format.console", EcsJsonFormatter.class.getName());
		}
		environment.getPropertySources().addFirst(new MapPropertySource("kafkaDemoLogging", derived));
	}

	@Override
	public int getOrder() {
		// After the config data (application.yaml, imports) has been loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
