package io.kafkademo.app.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes UTF-8 and rejects malformed input. Kafka's {@code StringDeserializer} silently replaces bad bytes with
 * U+FFFD, which would hide a poison record instead of dead-lettering it.
 */
public class StrictUtf8Deserializer implements Deserializer<String> {

	private static final char REPLACEMENT_CHARACTER = '\uFFFD';

	@Override
	public String deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		// The JDK's own decoding is the fast path (vectorised for ASCII, no decoder objects) but replaces malformed
		// input with U+FFFD. A result without U+FFFD was valid; one with it may have had U+FFFD in the input itself,
		// so only then is the input decoded again, strictly.
		String text = new String(data, StandardCharsets.UTF_8);
		if (text.indexOf(REPLACEMENT_CHARACTER) < 0) {
			return text;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(data))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new SerializationException("value of " + data.length + " bytes from " + topic + " is not valid UTF-8");
		}
	}

}
