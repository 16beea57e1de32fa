package io.kafkademo.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The files this module is the source of truth for, and how the tests read them. */
final class MonitoringFiles {

	/** The module directory: Surefire runs the tests there. */
	static final Path DIRECTORY = Path.of("").toAbsolutePath();

	static final Path CLUSTER_CONFIG = DIRECTORY.resolve("prometheus.yml");

	static final Path LOCAL_CONFIG = DIRECTORY.resolve("prometheus-local.yml");

	static final Path MSK_TARGETS = DIRECTORY.resolve("msk-targets.json");

	static final Path RULES = DIRECTORY.resolve("rules/kafka-demo-rules.yml");

	static final Path RULE_TESTS = DIRECTORY.resolve("rules/kafka-demo-rules.test.yml");

	static final Path DASHBOARD = DIRECTORY.resolve("dashboards/kafka-demo-app.json");

	static final JsonMapper JSON = JsonMapper.builder().build();

	private MonitoringFiles() {
	}

	/** A YAML file as nested maps and lists. */
	static Map<String, Object> yaml(Path file) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
	}

	static JsonNode json(Path file) {
		return JSON.readTree(read(file));
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
