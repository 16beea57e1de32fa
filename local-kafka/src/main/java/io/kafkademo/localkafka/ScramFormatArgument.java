package io.kafkademo.localkafka;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The {@code --add-scram} argument of {@code kafka-storage format} that creates a SCRAM-SHA-512 user.
 */
final class ScramFormatArgument {

	/** SCRAM iterations used for every credential this library creates. */
	static final int ITERATIONS = 8192;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ScramFormatArgument() {
	}

	/**
	 * The argument for {@code user}/{@code password}. Kafka splits it at every {@code ,} and takes the text after the
	 * first {@code =}, with no escaping, so a password cannot be passed as such: this passes the salt and the salted
	 * password (SCRAM's Hi() = PBKDF2-HMAC-SHA-512 over the password's UTF-8 bytes, exactly what Kafka's ScramFormatter
	 * computes), which are base64 and survive that parsing.
	 */
	static String forCredentials(String user, String password) {
		byte[] salt = new byte[32];
		RANDOM.nextBytes(salt);
		Base64.Encoder base64 = Base64.getEncoder();
		return "SCRAM-SHA-512=[name=" + user + ",salt=" + base64.encodeToString(salt) + ",saltedpassword="
				+ base64.encodeToString(saltedPassword(password, salt)) + ",iterations=" + ITERATIONS + "]";
	}

	static byte[] saltedPassword(String password, byte[] salt) {
		try {
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
				.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 512))
				.getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available in this JDK", ex);
		}
	}

}
