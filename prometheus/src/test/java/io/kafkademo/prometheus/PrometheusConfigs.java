package io.kafkademo.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Derives the configurations the tests run from prometheus.yml. Debian's Prometheus is built without Kubernetes
 * service discovery, so the derived configurations replace {@code kubernetes_sd_configs} by file-based discovery; the
 * jobs and their relabelling are kept verbatim. Relative paths (rule files, file_sd files) become absolute, as the
 * derived file lives elsewhere.
 */
final class PrometheusConfigs {

	private PrometheusConfigs() {
	}

	/** prometheus.yml, every Kubernetes discovery replaced by file-based discovery of {@code targetsFile}. */
	static Map<String, Object> clusterConfig(Path targetsFile) {
		Map<String, Object> config = MonitoringFiles.yaml(MonitoringFiles.CLUSTER_CONFIG);
		config.put("rule_files", ((List<?>) config.get("rule_files")).stream()
			.map((file) -> MonitoringFiles.DIRECTORY.resolve(file.toString()).toString())
			.toList());
		rewriteDiscovery(config, targetsFile);
		return config;
	}

	/** The scrape job {@code name} of {@code config}. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> scrapeJob(Map<String, Object> config, String name) {
		return ((List<Map<String, Object>>) config.get("scrape_configs")).stream()
			.filter((job) -> name.equals(job.get("job_name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no scrape job " + name));
	}

	static Path write(Map<String, Object> config, Path file) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		try {
			Files.writeString(file, new Yaml(options).dump(config));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	@SuppressWarnings("unchecked")
	private static void rewriteDiscovery(Object node, Path targetsFile) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> object = (Map<String, Object>) map;
			if (object.remove("kubernetes_sd_configs") != null) {
				Map<String, Object> fileConfig = new LinkedHashMap<>();
				fileConfig.put("files", new ArrayList<>(List.of(targetsFile.toString())));
				object.put("file_sd_configs", new ArrayList<>(List.of(fileConfig)));
			}
			else if (object.get("file_sd_configs") instanceof List<?> fileConfigs) {
				for (Object fileConfig : fileConfigs) {
					Map<String, Object> files = (Map<String, Object>) fileConfig;
					files.put("files", ((List<?>) files.get("files")).stream()
						.map((file) -> MonitoringFiles.DIRECTORY.resolve(file.toString()).toString())
						.toList());
				}
			}
			object.values().forEach((value) -> rewriteDiscovery(value, targetsFile));
		}
		else if (node instanceof List<?> list) {
			list.forEach((value) -> rewriteDiscovery(value, targetsFile));
		}
	}

}
