package io.kafkademo.app.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PongListenerTests {

	@Test
	void shortValuesAreLoggedWhole() {
		assertThat(PongListener.shorten("This is message 1 from host a")).isEqualTo("This is message 1 from host a");
	}

	@Test
	void longValuesAreCutAndTheirLengthStated() {
		assertThat(PongListener.shorten("y".repeat(300)))
			.isEqualTo("y".repeat(PongListener.MAX_LOGGED_CHARS) + "... [cut, 300 chars in total]");
	}

}
