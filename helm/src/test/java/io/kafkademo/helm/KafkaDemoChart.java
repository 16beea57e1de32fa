package io.kafkademo.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The kafka-demo-app chart under test, rendered offline with helm-java (embedded Helm), manifests and hooks alike.
 */
final class KafkaDemoChart {

	static final String RELEASE = "kafka-demo-app";

	static final String NAMESPACE = "kafka-demo";

	static final String KUBE_VERSION = "1.30.0";

	static final String DEFAULT_VALUES = "default";

	static final Path MODULE_DIR = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

	static final Path CHART_DIR = MODULE_DIR.resolve("kafka-demo-app");

	static final Path CI_DIR = CHART_DIR.resolve("ci");

	static final Path FULL_VALUES = CI_DIR.resolve("full-values.yaml");

	static final Path KAFKA_VALUES = CI_DIR.resolve("kafka-values.yaml");

	static final Path PROMETHEUS_DIR = MODULE_DIR.resolve("../prometheus").normalize();

	/** The hook annotation, renamed in the hook-rendering copy of the chart (see {@link #render}). */
	private static final String HOOK_ANNOTATION = "helm.sh/hook";

	private static final String HOOK_STAND_IN = "kafkademo.io/helm-hook-under-test";

	private static final Pattern HOOK_ANNOTATION_LINE = Pattern.compile("(?m)^(\\s*)helm\\.sh/hook:");

	private static final Path WORK_DIR = MODULE_DIR.resolve("target/helm-test-charts");

	private static final Map<List<Path>, Rendered> RENDERED = new ConcurrentHashMap<>();

	private static volatile Path hookRenderingCopy;

	private KafkaDemoChart() {
	}

	/** The ci/*-values.yaml files, each an alternative set of values the chart must render. */
	static List<Path> ciValuesFiles() {
		try (Stream<Path> files = Files.list(CI_DIR)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The names of the value sets every rendering test covers: "default" and each ci/*-values.yaml. */
	static List<String> valueSets() {
		List<String> valueSets = new ArrayList<>(List.of(DEFAULT_VALUES));
		ciValuesFiles().forEach((file) -> valueSets.add(file.getFileName().toString()));
		return valueSets;
	}

	/** {@link #render(Path...)} for a name from {@link #valueSets()}. */
	static Rendered render(String valueSet) {
		return DEFAULT_VALUES.equals(valueSet) ? render() : render(CI_DIR.resolve(valueSet));
	}

	/** The raw output of {@code helm template}: the manifests Helm applies, without the hooks. */
	static String template(Path... valuesFiles) {
		return template(CHART_DIR, valuesFiles);
	}

	/**
	 * Every object of a release: the manifests of {@code helm template}, then the hooks (provisioning Job, test Pod).
	 * helm-java's template returns the release manifest only, so the hooks come from a copy of the chart whose one
	 * difference is the {@code helm.sh/hook} annotation key, renamed in the copy and restored in the parsed hooks.
	 */
	static Rendered render(Path... valuesFiles) {
		return RENDERED.computeIfAbsent(List.of(valuesFiles), (files) -> {
			List<Map<String, Object>> objects = parse(template(valuesFiles));
			parse(template(hookRenderingCopy(), valuesFiles)).stream()
				.filter(KafkaDemoChart::restoreHookAnnotation)
				.forEach(objects::add);
			return new Rendered(List.copyOf(objects));
		});
	}

	/** The NOTES.txt Helm prints after {@code helm install} (a client-only dry run). */
	static String notes(Path... valuesFiles) {
		var install = new Helm(CHART_DIR).install()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBE_VERSION)
			.dryRun()
			.clientOnly();
		Arrays.stream(valuesFiles).forEach((file) -> install.withValuesFile(file.toAbsolutePath()));
		String output = install.call().getOutput();
		return output.substring(output.indexOf("NOTES:"));
	}

	/** {@code helm lint --strict} with the chart's own values. */
	static LintResult lint() {
		return new Helm(CHART_DIR).lint().strict().call();
	}

	/**
	 * {@code helm lint --strict -f valuesFile}: helm-java's lint takes no values, so it lints a copy of the chart
	 * whose values.yaml is the chart's own, overridden by valuesFile the way Helm merges them.
	 */
	static LintResult lint(Path valuesFile) {
		Path copy = copyChart("lint-" + valuesFile.getFileName());
		Map<String, Object> merged = mergeValues(load(CHART_DIR.resolve("values.yaml")), load(valuesFile));
		write(copy.resolve("values.yaml"), dumper().dump(merged));
		return new Helm(copy).lint().strict().call();
	}

	/** The values files parsed, for tests that compare rendered objects with values. */
	static Map<String, Object> load(Path yamlFile) {
		try {
			Map<String, Object> values = yaml().load(Files.readString(yamlFile));
			return (values != null) ? values : new LinkedHashMap<>();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Map<String, Object>> parse(String multiDocumentYaml) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : yaml().loadAll(multiDocumentYaml)) {
			if (document != null) {
				objects.add(Fields.map(document));
			}
		}
		return objects;
	}

	static String toYaml(Map<String, Object> object) {
		return dumper().dump(object);
	}

	private static String template(Path chart, Path... valuesFiles) {
		var template = new Helm(chart).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBE_VERSION);
		Arrays.stream(valuesFiles).forEach((file) -> template.withValuesFile(file.toAbsolutePath()));
		return template.call();
	}

	private static synchronized Path hookRenderingCopy() {
		if (hookRenderingCopy == null) {
			Path copy = copyChart("hooks");
			try (Stream<Path> templates = Files.walk(copy.resolve("templates"))) {
				for (Path template : templates.filter(Files::isRegularFile).toList()) {
					String text = Files.readString(template);
					Matcher matcher = HOOK_ANNOTATION_LINE.matcher(text);
					if (matcher.find()) {
						write(template, matcher.replaceAll("$1" + HOOK_STAND_IN + ":"));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			hookRenderingCopy = copy;
		}
		return hookRenderingCopy;
	}

	/** Restores the hook annotation of an object rendered as a hook; false if it is no hook. */
	private static boolean restoreHookAnnotation(Map<String, Object> object) {
		Map<String, Object> annotations = Fields.at(object, "metadata.annotations");
		if (annotations == null || !annotations.containsKey(HOOK_STAND_IN)) {
			return false;
		}
		Map<String, Object> restored = new LinkedHashMap<>();
		annotations.forEach((key, value) -> restored.put(HOOK_STAND_IN.equals(key) ? HOOK_ANNOTATION : key, value));
		Fields.map(object.get("metadata")).put("annotations", restored);
		return true;
	}

	/** Copies the chart, resolving the symlinks in files/ to their targets' content. */
	private static Path copyChart(String purpose) {
		try {
			Files.createDirectories(WORK_DIR);
			Path copy = Files.createTempDirectory(WORK_DIR, purpose + "-").resolve(CHART_DIR.getFileName());
			try (Stream<Path> sources = Files.walk(CHART_DIR)) {
				for (Path source : sources.toList()) {
					Path target = copy.resolve(CHART_DIR.relativize(source).toString());
					if (Files.isDirectory(source)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(source, target);
					}
				}
			}
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Helm's coalescing of values: maps merge key by key, anything else is replaced, null deletes the key. */
	static Map<String, Object> mergeValues(Map<String, Object> base, Map<String, Object> overrides) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overrides.forEach((key, override) -> {
			Object current = merged.get(key);
			if (override == null) {
				merged.remove(key);
			}
			else if (current instanceof Map<?, ?> && override instanceof Map<?, ?>) {
				merged.put(key, mergeValues(Fields.map(current), Fields.map(override)));
			}
			else {
				merged.put(key, override);
			}
		});
		return merged;
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	private static Yaml dumper() {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
	}

	/** The parsed objects of one rendering. */
	record Rendered(List<Map<String, Object>> objects) {

		List<Map<String, Object>> ofKind(String kind) {
			return this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
		}

		Map<String, Object> get(String kind, String name) {
			return this.objects.stream()
				.filter((object) -> kind.equals(object.get("kind")) && name.equals(Fields.at(object, "metadata.name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " among " + names()));
		}

		List<String> names() {
			return this.objects.stream().map((object) -> object.get("kind") + "/" + Fields.at(object, "metadata.name")).toList();
		}

	}

}
