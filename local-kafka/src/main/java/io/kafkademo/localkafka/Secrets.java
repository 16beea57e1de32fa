package io.kafkademo.localkafka;

import java.security.SecureRandom;

/**
 * Random passwords for generated credentials.
 */
final class Secrets {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/** A random alphanumeric string of {@code length} characters. */
	static String random(int length) {
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return value.toString();
	}

}
