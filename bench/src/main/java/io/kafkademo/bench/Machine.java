package io.kafkademo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the numbers were measured on, and how busy the machine was. */
final class Machine {

	private Machine() {
	}

	static Map<String, Object> describe(BenchOptions options) {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cpu", firstValue("/proc/cpuinfo", "model name"));
		machine.put("cpus", Runtime.getRuntime().availableProcessors());
		machine.put("memory", firstValue("/proc/meminfo", "MemTotal"));
		machine.put("kernel", System.getProperty("os.version"));
		machine.put("java17", javaVersion(options.java17()));
		machine.put("java25", javaVersion(options.java25()));
		return machine;
	}

	/** The 1, 5 and 15 minute load averages. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String firstValue(String file, String key) {
		try {
			List<String> lines = Files.readAllLines(Path.of(file));
			for (String line : lines) {
				if (line.startsWith(key)) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return "unknown";
	}

	private static String javaVersion(Path javaHome) {
		try {
			Process process = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-version")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor(30, TimeUnit.SECONDS);
			return output.lines().skip(1).findFirst().orElse(output).trim();
		}
		catch (IOException ex) {
			return "unavailable: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

}
