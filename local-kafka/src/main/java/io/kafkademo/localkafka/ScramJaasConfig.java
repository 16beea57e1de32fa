package io.kafkademo.localkafka;

/**
 * Builds the {@code sasl.jaas.config} value for a SCRAM login with arbitrary user names and passwords.
 */
final class ScramJaasConfig {

	private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

	private ScramJaasConfig() {
	}

	/** The JAAS line for {@code user}/{@code password}, each quoted so that any character survives parsing. */
	static String forCredentials(String user, String password) {
		return LOGIN_MODULE + " required username=" + quote(user) + " password=" + quote(password) + ";";
	}

	/**
	 * Kafka's JaasConfig parses with {@link java.io.StreamTokenizer}: inside double quotes a backslash escapes the
	 * next character ({@code \\}, {@code \"}, and C-style {@code \n}, {@code \r}), and an unescaped line break ends
	 * the string. Everything else, including {@code ;}, {@code =}, spaces and non-ASCII letters, is literal.
	 */
	static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> quoted.append("\\\\");
				case '"' -> quoted.append("\\\"");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				default -> quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

}
