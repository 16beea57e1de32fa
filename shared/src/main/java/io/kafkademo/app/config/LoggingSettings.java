package io.kafkademo.app.config;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code LOG_LEVEL} and {@code LOG_FORMAT}, validated. {@link LoggingSettingsPostProcessor} applies valid values before
 * the logging system starts; an invalid one is reported here, once logging works, as a one-line start-up failure.
 */
@ConfigurationProperties("demo.logging")
public class LoggingSettings {

	static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

	static final Set<String> FORMATS = Set.of("text", "json");

	private final String level;

	private final String format;

	public LoggingSettings(String level, String format) {
		this.level = normalise(level, "info");
		this.format = normalise(format, "text");
		if (!LEVELS.contains(this.level)) {
			throw new InvalidSettingException("LOG_LEVEL",
					Settings.quote(level) + " is not one of trace, debug, info, warn, error");
		}
		if (!FORMATS.contains(this.format)) {
			throw new InvalidSettingException("LOG_FORMAT", Settings.quote(format) + " is not text or json");
		}
	}

	static String normalise(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value.trim().toLowerCase(Locale.ROOT);
	}

	public String level() {
		return this.level;
	}

	public String format() {
		return this.format;
	}

}
