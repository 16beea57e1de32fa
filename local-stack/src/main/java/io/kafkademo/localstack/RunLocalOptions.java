package io.kafkademo.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line options of {@code ./run-local}. A port of 0 means "any free port".
 * @param duration how long to run once every replica is ready, or {@code null} to run until Ctrl-C/SIGTERM
 * @param replicas replicas per service
 * @param msgFreq {@code MSG_FREQ}
 * @param basePortA {@code SERVER_PORT} of kafka-demo-service-a-1
 * @param basePortB {@code SERVER_PORT} of kafka-demo-service-b-1
 * @param brokerPort the broker's SASL_SSL port
 * @param prometheusPort where Prometheus listens on 127.0.0.1
 * @param prometheus whether to start Prometheus if it is on the PATH
 * @param help whether {@code --help} was given
 */
public record RunLocalOptions(Duration duration, int replicas, Duration msgFreq, int basePortA, int basePortB,
		int brokerPort, int prometheusPort, boolean prometheus, boolean help) {

	/** Every option {@link #parse(String...)} accepts; {@code ./run-local --help} documents each of them. */
	public static final List<String> NAMES = List.of("--duration", "--replicas", "--msg-freq", "--base-port-a",
			"--base-port-b", "--broker-port", "--prometheus-port", "--no-prometheus", "--help");

	/** The text of {@code --help} when the launcher is run without the script (the script prints its own). */
	public static final String USAGE = """
			Usage: ./run-local [options]   (./run-local --help describes them)
			  --duration D  --replicas N  --msg-freq D  --base-port-a P  --base-port-b P  --broker-port P
			  --prometheus-port P  --no-prometheus  --help
			""";

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

	private static final Set<String> VALUED = Set.of("--duration", "--replicas", "--msg-freq", "--base-port-a",
			"--base-port-b", "--broker-port", "--prometheus-port");

	private static final int MAX_REPLICAS = 20;

	/** The defaults: until Ctrl-C, 3 + 3 replicas, 1 s, ports 8081, 8091, 9096 and 9090, Prometheus if installed. */
	public static RunLocalOptions defaults() {
		return new RunLocalOptions(null, 3, Duration.ofSeconds(1), 8081, 8091, 9096, 9090, true, false);
	}

	/**
	 * Parses {@code args} ({@code --name value} or {@code --name=value}).
	 * @throws IllegalArgumentException with a one-line message for the user
	 */
	public static RunLocalOptions parse(String... args) {
		RunLocalOptions defaults = defaults();
		Duration duration = defaults.duration();
		int replicas = defaults.replicas();
		Duration msgFreq = defaults.msgFreq();
		int basePortA = defaults.basePortA();
		int basePortB = defaults.basePortB();
		int brokerPort = defaults.brokerPort();
		int prometheusPort = defaults.prometheusPort();
		boolean prometheus = defaults.prometheus();
		boolean help = false;
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			String value = null;
			int equals = name.indexOf('=');
			if (name.startsWith("--") && equals > 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			if (name.equals("--help") || name.equals("-h")) {
				help = true;
				continue;
			}
			if (name.equals("--no-prometheus") && value == null) {
				prometheus = false;
				continue;
			}
			if (!VALUED.contains(name)) {
				throw new IllegalArgumentException("unknown option " + args[i]);
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(name + " needs a value");
				}
				value = args[++i];
			}
			switch (name) {
				case "--duration" -> {
					duration = parseDuration(name, value);
					if (duration.isZero()) {
						throw new IllegalArgumentException("--duration must be longer than 0");
					}
				}
				case "--replicas" -> replicas = number(name, value, 1, MAX_REPLICAS);
				case "--msg-freq" -> msgFreq = parseDuration(name, value);
				case "--base-port-a" -> basePortA = port(name, value);
				case "--base-port-b" -> basePortB = port(name, value);
				case "--broker-port" -> brokerPort = port(name, value);
				case "--prometheus-port" -> prometheusPort = port(name, value);
				default -> throw new IllegalStateException("Option " + name + " has no case");
			}
		}
		RunLocalOptions options = new RunLocalOptions(duration, replicas, msgFreq, basePortA, basePortB, brokerPort,
				prometheusPort, prometheus, help);
		options.requireDistinctPorts();
		return options;
	}

	/** Parses {@code 60s}, {@code 2m}, {@code 1h}, {@code 500ms}, or a bare number of seconds. */
	public static Duration parseDuration(String option, String text) {
		Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException(option + ": '" + text + "' is not a duration such as 60s, 2m or 500ms");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	/** {@code 500ms}, {@code 60s}: the way the options are written. */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/** The options as a command line, such as {@code --duration 60s --replicas 3 --msg-freq 1s}. */
	public String describe() {
		return ((this.duration != null) ? "--duration " + format(this.duration) : "(until stopped)") + " --replicas "
				+ this.replicas + " --msg-freq " + format(this.msgFreq);
	}

	/** Every fixed port (not 0) once: a replica, the broker and Prometheus cannot share one. */
	private void requireDistinctPorts() {
		List<String> owners = new ArrayList<>();
		List<Integer> ports = new ArrayList<>();
		for (int index = 1; index <= this.replicas; index++) {
			addPort(owners, ports, this.basePortA, index, DemoService.SERVICE_A.replicaName(index) + " (--base-port-a)");
		}
		for (int index = 1; index <= this.replicas; index++) {
			addPort(owners, ports, this.basePortB, index, DemoService.SERVICE_B.replicaName(index) + " (--base-port-b)");
		}
		addPort(owners, ports, this.brokerPort, 1, "the broker (--broker-port)");
		if (this.prometheus) {
			addPort(owners, ports, this.prometheusPort, 1, "Prometheus (--prometheus-port)");
		}
		Set<Integer> seen = new HashSet<>();
		for (int i = 0; i < ports.size(); i++) {
			if (!seen.add(ports.get(i))) {
				int first = ports.indexOf(ports.get(i));
				throw new IllegalArgumentException("port " + ports.get(i) + " is given to both " + owners.get(first)
						+ " and " + owners.get(i));
			}
		}
	}

	private static void addPort(List<String> owners, List<Integer> ports, int base, int index, String owner) {
		if (base == 0) {
			return;
		}
		int port = base + index - 1;
		if (port > 65535) {
			throw new IllegalArgumentException("port " + port + " of " + owner + " is above 65535");
		}
		owners.add(owner);
		ports.add(port);
	}

	private static int port(String option, String value) {
		return number(option, value, 0, 65535);
	}

	private static int number(String option, String value, int min, int max) {
		int number;
		try {
			number = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + ": '" + value + "' is not a number");
		}
		if (number < min || number > max) {
			throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + value);
		}
		return number;
	}

}
