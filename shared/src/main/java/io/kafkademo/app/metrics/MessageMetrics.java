package io.kafkademo.app.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.kafkademo.app.messaging.MessagingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;

import org.springframework.stereotype.Component;

/**
 * The application's own meters, exported as {@code kafka_demo_*}. Meters are cached per tag set: the hot path does
 * one map lookup, not a registry lookup, and the per-record meters are keyed by the topic itself, so that counting a
 * record builds no key and allocates nothing. The series of this service's own topics exist from start-up at zero,
 * so {@code rate()} and alerts work before the first event.
 */
@Component
public class MessageMetrics {

	/** Dead-letter outcome: the record was published to the dead-letter topic. */
	public static final String PUBLISHED = "published";

	/** Dead-letter outcome: the dead-letter topic was not writable and the record was skipped. */
	public static final String DROPPED = "dropped";

	private final MeterRegistry registry;

	private final String group;

	private final PerTopic<Counter> producedByTopic = new PerTopic<>(this::producedCounter);

	private final PerTopic<Counter> consumedByTopic = new PerTopic<>(this::consumedCounter);

	private final PerTopic<Timer> latencies = new PerTopic<>(this::latencyTimer);

	/** The meters of rarer events, keyed by kind and tags. */
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public MessageMetrics(MeterRegistry registry, MessagingProperties messaging) {
		this.registry = registry;
		this.group = messaging.group();
		String produced = messaging.produceTopic();
		String consumed = messaging.consumeTopic();
		this.producedByTopic.get(produced);
		this.consumedByTopic.get(consumed);
		counter(failedKey(produced, Stage.PRODUCE), (key) -> failedCounter(produced, Stage.PRODUCE));
		counter(failedKey(consumed, Stage.CONSUME), (key) -> failedCounter(consumed, Stage.CONSUME));
		for (String outcome : new String[] { PUBLISHED, DROPPED }) {
			counter(deadLetteredKey(consumed, outcome), (key) -> deadLetteredCounter(consumed, outcome));
		}
		this.latencies.get(consumed);
	}

	/** A record the broker acknowledged. */
	public void produced(String topic) {
		this.producedByTopic.get(topic).increment();
	}

	/**
	 * Records the listener processed in this service's group (including tombstones and records from foreign
	 * producers), counted once per poll.
	 */
	public void consumed(String topic, int records) {
		this.consumedByTopic.get(topic).increment(records);
	}

	/** A failed send ({@code stage=produce}) or a record that could not be processed ({@code stage=consume}). */
	public void failed(String topic, Stage stage) {
		counter(failedKey(topic, stage), (key) -> failedCounter(topic, stage)).increment();
	}

	/** A record skipped without processing, such as a tombstone. */
	public void skipped(String topic, String reason) {
		counter("skipped|" + topic + "|" + reason, (key) -> Counter.builder("kafka.demo.messages.skipped")
			.description("Records consumed but skipped, such as tombstones")
			.tag("topic", topic)
			.tag("reason", reason)
			.register(this.registry)).increment();
	}

	/** A record handed to the dead-letter topic ({@link #PUBLISHED}) or dropped because that failed ({@link #DROPPED}). */
	public void deadLettered(String topic, String outcome) {
		counter(deadLetteredKey(topic, outcome), (key) -> deadLetteredCounter(topic, outcome)).increment();
	}

	/** Time from the producer's send timestamp header to the listener's receipt of the record's poll. */
	public void latency(String topic, Duration latency) {
		this.latencies.get(topic).record(latency.isNegative() ? Duration.ZERO : latency);
	}

	private static String failedKey(String topic, Stage stage) {
		return "failed|" + topic + "|" + stage;
	}

	private static String deadLetteredKey(String topic, String outcome) {
		return "dlt|" + topic + "|" + outcome;
	}

	private Counter producedCounter(String topic) {
		return Counter.builder("kafka.demo.messages.produced")
			.description("Records this service produced and the broker acknowledged")
			.tag("topic", topic)
			.register(this.registry);
	}

	private Counter consumedCounter(String topic) {
		return Counter.builder("kafka.demo.messages.consumed")
			.description("Records this service consumed")
			.tag("topic", topic)
			.tag("group", this.group)
			.register(this.registry);
	}

	private Counter failedCounter(String topic, Stage stage) {
		return Counter.builder("kafka.demo.message.failures")
			.description("Failed sends and records that could not be processed")
			.tag("topic", topic)
			.tag("stage", stage.tag)
			.register(this.registry);
	}

	private Counter deadLetteredCounter(String topic, String outcome) {
		return Counter.builder("kafka.demo.messages.dead.lettered")
			.description("Unprocessable records published to the dead-letter topic, or dropped when it is not writable")
			.tag("topic", topic)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Timer latencyTimer(String topic) {
		return Timer.builder("kafka.demo.end.to.end.latency")
			.description("Time from the producer's send timestamp to consumption")
			.tag("topic", topic)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(60))
			// Micrometer's default pause compensation adds invented samples after a JVM pause (GC, CPU throttling),
			// as if this timer had timed work the pause delayed. The latency is taken from the producer's
			// timestamp, so the records a pause delays are already recorded with their real latency: the invented
			// ones would count the pause twice.
			.pauseDetector(new NoPauseDetector())
			.register(this.registry);
	}

	private Counter counter(String key, Function<String, Counter> factory) {
		return this.counters.computeIfAbsent(key, factory);
	}

	/**
	 * Meters of one kind, one per topic, created on first use. The factory is kept, not passed per call: a method
	 * reference made on every record would be an allocation per record.
	 */
	private static final class PerTopic<M> {

		private final Map<String, M> meters = new ConcurrentHashMap<>();

		private final Function<String, M> create;

		PerTopic(Function<String, M> create) {
			this.create = create;
		}

		M get(String topic) {
			return this.meters.computeIfAbsent(topic, this.create);
		}

	}

	/** Where in the pipeline a failure happened. */
	public enum Stage {

		PRODUCE("produce"), CONSUME("consume");

		private final String tag;

		Stage(String tag) {
			this.tag = tag;
		}

	}

}
