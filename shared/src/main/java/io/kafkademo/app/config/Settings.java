package io.kafkademo.app.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.convert.DurationStyle;

/** Parsing rules shared by the configuration records; every failure names the environment variable at fault. */
public final class Settings {

	private Settings() {
	}

	/** Returns the trimmed value, or fails when it is missing or blank. */
	public static String required(String variable, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidSettingException(variable, "must be set");
		}
		return value.trim();
	}

	/** Returns the trimmed value, or {@code null} when it is missing or blank. */
	public static String optional(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/** Parses whole seconds ({@code 10}) or a duration ({@code 250ms}, {@code 2s}). */
	public static Duration duration(String variable, String value) {
		String text = required(variable, value);
		try {
			Duration duration = DurationStyle.detectAndParse(text, ChronoUnit.SECONDS);
			if (duration.isNegative()) {
				throw new InvalidSettingException(variable, quote(text) + " must not be negative");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			if (ex instanceof InvalidSettingException invalid) {
				throw invalid;
			}
			throw new InvalidSettingException(variable, quote(text) + " is not a number of seconds or a duration");
		}
	}

	/** Parses {@code true} or {@code false}. */
	public static boolean flag(String variable, String value) {
		String text = (value == null || value.isBlank()) ? "false" : value.trim();
		return switch (text.toLowerCase(java.util.Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidSettingException(variable, quote(text) + " is not true or false");
		};
	}

	/** Quotes a user-supplied value for an error message, cut short so a pasted blob cannot flood the log. */
	public static String quote(String value) {
		String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
		return "\"" + shown + "\"";
	}

}
