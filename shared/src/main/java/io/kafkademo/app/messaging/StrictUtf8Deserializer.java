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

	@Override
	public String deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		if (isAscii(data)) {
			// ASCII is valid UTF-8 and needs no decoder: the common case (every ping) skips the decoder's allocations.
			return new String(data, StandardCharsets.US_ASCII);
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

	private static boolean isAscii(byte[] data) {
		for (byte b : data) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}

}
