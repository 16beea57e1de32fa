package io.kafkademo.app.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SettingsTests {

	@Test
	void wholeNumbersAreSeconds() {
		assertThat(Settings.duration("MSG_FREQ", "10")).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void durationsKeepTheirUnit() {
		assertThat(Settings.duration("MSG_FREQ", "250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(Settings.duration("MSG_FREQ", "2s")).isEqualTo(Duration.ofSeconds(2));
		assertThat(Settings.duration("MSG_FREQ", "0")).isZero();
	}

	@Test
	void longValuesAreCutInMessages() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> Settings.duration("MSG_FREQ", "x".repeat(500)))
			.withMessage("MSG_FREQ: \"" + "x".repeat(80) + "...\" is not a number of seconds or a duration");
	}

	@Test
	void flagsAcceptOnlyTrueOrFalse() {
		assertThat(Settings.flag("F", "TRUE")).isTrue();
		assertThat(Settings.flag("F", "")).isFalse();
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> Settings.flag("F", "1"))
			.withMessage("F: \"1\" is not true or false");
	}

}
