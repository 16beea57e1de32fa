package io.kafkademo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.kafkademo.bench.PerfToolOutput.ConsumerResult;
import io.kafkademo.bench.PerfToolOutput.ProducerResult;

/**
 * Kafka's own {@code ProducerPerformance} and {@code ConsumerPerformance}, each in a child JVM of its own (as the
 * services run in theirs), over SASL_SSL with the same client settings file: the limit the services are held to.
 */
final class KafkaPerfTools {

	private final Lab lab;

	private final Path logDir;

	KafkaPerfTools(Lab lab, Path logDir) {
		this.lab = lab;
		this.logDir = logDir;
	}

	/**
	 * Produces {@code records} of {@code recordSize} bytes to {@code topic} unthrottled with {@code acks=all} and
	 * Kafka's defaults otherwise, or with {@code compression} ({@code null}: none).
	 */
	ProducerResult produce(String topic, int records, int recordSize, String compression)
			throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Integer.toString(records),
				"--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer.config",
				this.lab.toolsConfig().toString(), "--producer-props", "acks=all"));
		if (compression != null) {
			args.add("compression.type=" + compression);
		}
		String output = run("producer-" + topic, "org.apache.kafka.tools.ProducerPerformance",
				args.toArray(String[]::new));
		return PerfToolOutput.producer(output);
	}

	/** Consumes {@code records} from the start of {@code topic} in a new consumer group. */
	ConsumerResult consume(String topic, long records) throws IOException, InterruptedException {
		String output = run("consumer-" + topic, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server",
				this.lab.broker().bootstrapServers(), "--topic", topic, "--messages", Long.toString(records),
				"--group", Lab.GROUP_PREFIX + "perf-" + UUID.randomUUID(), "--consumer.config",
				this.lab.toolsConfig().toString(), "--timeout", "30000");
		ConsumerResult result = PerfToolOutput.consumer(output);
		if (result.records() < records) {
			throw new IllegalStateException("ConsumerPerformance read " + result.records() + " of " + records);
		}
		return result;
	}

	private String run(String name, String mainClass, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// The heap kafka-producer-perf-test.sh gives it; English number formatting for the parser.
		command.add("-Xmx512m");
		command.add("-Duser.language=en");
		command.add("-Duser.country=US");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(List.of(args));
		Path log = this.logDir.resolve(name + "-" + System.currentTimeMillis() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException(mainClass + " did not finish in 10 minutes; see " + log);
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IllegalStateException(mainClass + " exited with " + process.exitValue() + "; see " + log);
		}
		return output;
	}

}
