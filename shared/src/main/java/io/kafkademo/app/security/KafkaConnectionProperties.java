package io.kafkademo.app.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.kafkademo.app.config.InvalidSettingException;
import io.kafkademo.app.config.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How to reach and authenticate to the Kafka cluster, from the {@code KAFKA_*} environment variables. */
@ConfigurationProperties("demo.kafka")
public class KafkaConnectionProperties {

	private static final Pattern HOST_PORT = Pattern.compile("^(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.\\-_]+):(\\d{1,5})$");

	/** The security protocols this service supports. */
	public enum Protocol {

		SASL_SSL, PLAINTEXT

	}

	private final List<String> bootstrapServers;

	private final Protocol securityProtocol;

	private final String saslUsername;

	private final String saslPassword;

	private final Path truststoreLocation;

	private final String truststorePassword;

	private final String truststoreType;

	public KafkaConnectionProperties(String bootstrapServers, String securityProtocol, String saslUsername,
			String saslPassword, String truststoreLocation, String truststorePassword, String truststoreType) {
		this.bootstrapServers = parseBootstrapServers(bootstrapServers);
		this.securityProtocol = parseProtocol(securityProtocol);
		this.saslUsername = Settings.optional(saslUsername);
		this.saslPassword = (saslPassword == null || saslPassword.isEmpty()) ? null : saslPassword;
		this.truststoreLocation = parseTruststore(truststoreLocation);
		this.truststorePassword = (truststorePassword == null || truststorePassword.isEmpty()) ? null
				: truststorePassword;
		this.truststoreType = Settings.optional(truststoreType);
	}

	private static List<String> parseBootstrapServers(String value) {
		String text = Settings.required("KAFKA_BOOTSTRAP_SERVERS", value);
		List<String> servers = Arrays.stream(text.split(",")).map(String::trim).toList();
		for (String server : servers) {
			var matcher = HOST_PORT.matcher(server);
			if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1
					|| Integer.parseInt(matcher.group(2)) > 65535) {
				throw new InvalidSettingException("KAFKA_BOOTSTRAP_SERVERS",
						Settings.quote(server) + " is not a host:port pair (expected a comma-separated host:port list)");
			}
		}
		return servers;
	}

	private static Protocol parseProtocol(String value) {
		String text = Settings.optional(value);
		if (text == null) {
			return Protocol.SASL_SSL;
		}
		try {
			return Protocol.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("KAFKA_SECURITY_PROTOCOL",
					Settings.quote(text) + " is not SASL_SSL or PLAINTEXT");
		}
	}

	private static Path parseTruststore(String value) {
		String text = Settings.optional(value);
		if (text == null) {
			return null;
		}
		Path path = Path.of(text);
		if (!Files.isReadable(path)) {
			throw new InvalidSettingException("KAFKA_SSL_TRUSTSTORE_LOCATION",
					Settings.quote(text) + " is not a readable file");
		}
		return path;
	}

	public List<String> bootstrapServers() {
		return this.bootstrapServers;
	}

	public Protocol securityProtocol() {
		return this.securityProtocol;
	}

	/** The configured username, or {@code null}. */
	public String saslUsername() {
		return this.saslUsername;
	}

	/** The configured password, or {@code null}. */
	public String saslPassword() {
		return this.saslPassword;
	}

	/** The truststore, or {@code null} to use the JVM's default CAs (right for Amazon MSK). */
	public Path truststoreLocation() {
		return this.truststoreLocation;
	}

	public String truststorePassword() {
		return this.truststorePassword;
	}

	public String truststoreType() {
		return this.truststoreType;
	}

	@Override
	public String toString() {
		return "KafkaConnectionProperties[bootstrapServers=" + this.bootstrapServers + ", securityProtocol="
				+ this.securityProtocol + ", saslUsername=" + this.saslUsername + "]";
	}

}
