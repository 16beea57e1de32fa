package io.kafkademo.app.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StrictUtf8DeserializerTests {

	private final StrictUtf8Deserializer deserializer = new StrictUtf8Deserializer();

	@Test
	void decodesValidUtf8IncludingNonAscii() {
		assertThat(this.deserializer.deserialize("t", "ünïcödé 密码".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("ünïcödé 密码");
	}

	@Test
	void decodesAsciiIncludingControlCharactersAndEmptyValues() {
		assertThat(this.deserializer.deserialize("t", "This is message 7\tfrom host a\u0000".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("This is message 7\tfrom host a\u0000");
		assertThat(this.deserializer.deserialize("t", new byte[0])).isEmpty();
	}

	@Test
	void rejectsMalformedBytesAfterAnAsciiPrefix() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", new byte[] { 'o', 'k', (byte) 0xFF }))
			.withMessage("value of 3 bytes from t is not valid UTF-8");
	}

	@Test
	void rejectsMalformedBytesInsteadOfReplacingThem() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", new byte[] { (byte) 0xC3, (byte) 0x28 }))
			.withMessage("value of 2 bytes from t is not valid UTF-8");
	}

	@Test
	void decodesAReplacementCharacterThatIsInTheInput() {
		assertThat(this.deserializer.deserialize("t", "bad byte shown as \uFFFD".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("bad byte shown as \uFFFD");
	}

	@Test
	void rejectsMalformedBytesNextToAnEncodedReplacementCharacter() {
		byte[] value = { (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, (byte) 0xFF };
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", value))
			.withMessage("value of 4 bytes from t is not valid UTF-8");
	}

	@Test
	void rejectsOverlongEncodingsAndEncodedSurrogates() {
		byte[] overlongSlash = { (byte) 0xC0, (byte) 0xAF };
		byte[] highSurrogate = { (byte) 0xED, (byte) 0xA0, (byte) 0x80 };
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", overlongSlash));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", highSurrogate));
	}

	@Test
	void keepsNullAsNull() {
		assertThat(this.deserializer.deserialize("t", null)).isNull();
	}

}
