package io.kafkademo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VariantsTests {

	/** The module's working directory under Surefire is bench/. */
	private static final Path DOCKERFILE = Path.of("..", "docker", "Dockerfile");

	private static final Path CHART_VALUES = Path.of("..", "helm", "kafka-demo-app", "values.yaml");

	@Test
	void shippedFlagsAreTheImagesJavaToolOptions() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);
		Matcher options = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"$").matcher(dockerfile);
		assertThat(options.find()).as("ENV JAVA_TOOL_OPTIONS in %s", DOCKERFILE).isTrue();
		assertThat(List.of(options.group(1).split(" "))).containsExactlyElementsOf(Variants.SHIPPED);
		Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT \\[(.*?)\\]", Pattern.DOTALL).matcher(dockerfile);
		assertThat(entrypoint.find()).as("ENTRYPOINT in %s", DOCKERFILE).isTrue();
		// Options on the command line win over JAVA_TOOL_OPTIONS: only the cache, which each variant names itself.
		assertThat(entrypoint.group(1)).doesNotContainPattern("\"-X(?!X:AOTCache=)");
	}

	@Test
	void aotCacheIsTrainedAsTheImageTrainsIt() throws IOException {
		Matcher training = Pattern.compile("(?m)^RUN \\[([^\\]]*-XX:AOTCacheOutput=[^\\]]*)\\]")
			.matcher(Files.readString(DOCKERFILE));
		assertThat(training.find()).as("the AOT training RUN in %s", DOCKERFILE).isTrue();
		List<String> flags = Pattern.compile("\"(-XX:[^\"]*)\"")
			.matcher(training.group(1))
			.results()
			.map((flag) -> flag.group(1))
			.filter((flag) -> !flag.startsWith("-XX:AOTCacheOutput="))
			.toList();
		assertThat(flags).containsExactlyElementsOf(Variants.AOT_TRAINING);
		assertThat(training.group(1)).as("the training workload of the image's RUN")
			.contains("\"" + Variants.TRAINING_WORKLOAD + "\"")
			.doesNotContain("spring.context.exit");
	}

	@Test
	void containerMemoryIsTheChartsMemoryLimit() throws IOException {
		Matcher limit = Pattern.compile("(?m)^resources:\n(?:  .*\n)*?  limits:\n    memory: (\\S+)$")
			.matcher(Files.readString(CHART_VALUES));
		assertThat(limit.find()).as("resources.limits.memory in %s", CHART_VALUES).isTrue();
		assertThat(limit.group(1)).isEqualTo(Variants.CONTAINER_MEBIBYTES + "Mi");
		assertThat(Variants.containerMegabytes()).isCloseTo(402.65, org.assertj.core.data.Offset.offset(0.01));
	}

	@Test
	void shippedVariantsRunTheParallelCollectorInTheChartsContainerSize() {
		BenchOptions options = BenchOptions.parse(new String[] { "--java25", "/opt/jdk-25" }, Path.of("/repo"));
		JvmVariant aot = Variants.all(options).get("java25-aot");
		assertThat(aot.flags()).containsExactly("-XX:MaxRAM=384m", "-XX:+UseParallelGC", "-XX:NewRatio=1",
				"-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError");
		assertThat(Variants.all(options).get("java25-lean").flags()).contains("-XX:+UseSerialGC")
			.doesNotContain("-XX:+UseParallelGC");
	}

}
