package io.kafkademo.app.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import io.kafkademo.app.config.InvalidSettingException;
import io.kafkademo.app.config.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What this service produces and consumes, from {@code TOPIC1}, {@code TOPIC2}, {@code GROUP}, {@code MSG_FREQ}. */
@ConfigurationProperties("demo.messaging")
public class MessagingProperties {

	/** Kafka's consumer group protocols: the classic one, or KIP-848's broker-driven one. */
	public enum GroupProtocol {

		CLASSIC, CONSUMER

	}

	private final String produceTopic;

	private final String consumeTopic;

	private final String group;

	private final Duration frequency;

	private final String host;

	private final boolean staticMembership;

	private final GroupProtocol groupProtocol;

	public MessagingProperties(String produceTopic, String consumeTopic, String group, String frequency, String host,
			String staticMembership, String groupProtocol) {
		this.produceTopic = topic("TOPIC1", produceTopic);
		this.consumeTopic = topic("TOPIC2", consumeTopic);
		this.group = Settings.required("GROUP", group);
		this.frequency = Settings.duration("MSG_FREQ", frequency);
		this.host = (host == null || host.isBlank()) ? localHostName() : host.trim();
		this.staticMembership = Settings.flag("KAFKA_STATIC_MEMBERSHIP", staticMembership);
		this.groupProtocol = parseGroupProtocol(groupProtocol);
	}

	private static String topic(String variable, String value) {
		String topic = Settings.required(variable, value);
		// Kafka's own rule for topic names.
		if (topic.length() > 249 || !topic.matches("[a-zA-Z0-9._-]+") || topic.equals(".") || topic.equals("..")) {
			throw new InvalidSettingException(variable, Settings.quote(topic) + " is not a valid Kafka topic name");
		}
		return topic;
	}

	private static GroupProtocol parseGroupProtocol(String value) {
		String text = Settings.optional(value);
		if (text == null) {
			return GroupProtocol.CLASSIC;
		}
		try {
			return GroupProtocol.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("KAFKA_GROUP_PROTOCOL", Settings.quote(text) + " is not classic or consumer");
		}
	}

	private static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	/** {@code TOPIC1}: the topic this service produces to. */
	public String produceTopic() {
		return this.produceTopic;
	}

	/** {@code TOPIC2}: the topic this service consumes. */
	public String consumeTopic() {
		return this.consumeTopic;
	}

	/** {@code GROUP}: the consumer group. */
	public String group() {
		return this.group;
	}

	/** {@code MSG_FREQ}: time between produced messages; zero means as fast as the producer accepts them. */
	public Duration frequency() {
		return this.frequency;
	}

	/** {@code HOSTNAME}, or the machine's host name: the name in messages and logs. */
	public String host() {
		return this.host;
	}

	/** {@code KAFKA_STATIC_MEMBERSHIP}: use the host name as {@code group.instance.id}. */
	public boolean staticMembership() {
		return this.staticMembership;
	}

	/** {@code KAFKA_GROUP_PROTOCOL}: {@code classic} (default) or {@code consumer}. */
	public GroupProtocol groupProtocol() {
		return this.groupProtocol;
	}

}
