package io.kafkademo.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the broker's {@code server.properties} (a single KRaft node secured like Amazon MSK with SCRAM) and its
 * log4j2 configuration.
 */
final class BrokerConfigFiles {

	private BrokerConfigFiles() {
	}

	/** The broker settings for the given ports, directories, TLS material and admin user. */
	static Map<String, String> serverProperties(BrokerPorts ports, Path dataDir, TlsMaterial tls, String adminUser) {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("process.roles", "broker,controller");
		p.put("node.id", "1");
		p.put("controller.quorum.voters", "1@127.0.0.1:" + ports.controller());
		p.put("controller.listener.names", "CONTROLLER");
		// INTERNAL is PLAINTEXT, so whoever reaches it is the super user ANONYMOUS: loopback only.
		p.put("listeners", "INTERNAL://127.0.0.1:" + ports.internal() + ",CONTROLLER://127.0.0.1:" + ports.controller()
				+ ",SASL_SSL://localhost:" + ports.saslSsl());
		p.put("advertised.listeners", "INTERNAL://127.0.0.1:" + ports.internal() + ",SASL_SSL://localhost:"
				+ ports.saslSsl());
		p.put("listener.security.protocol.map", "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL");
		p.put("inter.broker.listener.name", "INTERNAL");

		p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
		p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		p.put("listener.name.sasl_ssl.ssl.keystore.type", TlsMaterial.STORE_TYPE);
		p.put("listener.name.sasl_ssl.ssl.keystore.location", tls.keystore().toString());
		p.put("listener.name.sasl_ssl.ssl.keystore.password", tls.keystorePassword());
		p.put("listener.name.sasl_ssl.ssl.key.password", tls.keystorePassword());

		p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		p.put("allow.everyone.if.no.acl.found", "false");
		p.put("super.users", "User:ANONYMOUS;User:" + adminUser);

		p.put("log.dirs", dataDir.toString());
		p.put("auto.create.topics.enable", "false");
		p.put("num.partitions", "1");
		p.put("default.replication.factor", "1");
		p.put("min.insync.replicas", "1");
		p.put("offsets.topic.replication.factor", "1");
		// 5 instead of 50: creating and loading 50 partitions delays the first consumer group by 1-2 s.
		p.put("offsets.topic.num.partitions", "5");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		p.put("transaction.state.log.num.partitions", "5");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("group.initial.rebalance.delay.ms", "0");
		// After a SIGKILL the restarted controller keeps the dead broker's session until it times out (default 9 s)
		// and rejects the new registration until then: a short session makes kill + restart fast.
		p.put("broker.session.timeout.ms", "2000");
		p.put("broker.heartbeat.interval.ms", "500");
		return p;
	}

	/** Writes {@code properties} to {@code file} in java.util.Properties syntax, in their given order. */
	static void writeProperties(Path file, Map<String, String> properties) {
		String text = properties.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + escape(entry.getValue()))
			.collect(Collectors.joining("\n", "", "\n"));
		write(file, text);
	}

	/**
	 * Writes a log4j2 configuration that logs to standard output (which the launcher sends to the broker's log file)
	 * at INFO, with Kafka's chattiest loggers at WARN.
	 */
	static void writeLog4jConfig(Path file) {
		String text = """
				status = warn
				appender.out.type = Console
				appender.out.name = STDOUT
				appender.out.layout.type = PatternLayout
				appender.out.layout.pattern = [%d] %p %m (%c)%n
				rootLogger.level = INFO
				rootLogger.appenderRef.out.ref = STDOUT
				# Dumps of every config value at each start and for each client.
				logger.config.name = org.apache.kafka.common.config
				logger.config.level = WARN
				logger.request.name = kafka.request.logger
				logger.request.level = WARN
				logger.statechange.name = state.change.logger
				logger.statechange.level = WARN
				logger.cleaner.name = kafka.log.LogCleaner
				logger.cleaner.level = WARN
				# One line per partition and segment on every start.
				logger.unifiedlog.name = org.apache.kafka.storage.internals.log
				logger.unifiedlog.level = WARN
				logger.logmanager.name = kafka.log.LogManager
				logger.logmanager.level = WARN
				""";
		write(file, text);
	}

	private static String escape(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
