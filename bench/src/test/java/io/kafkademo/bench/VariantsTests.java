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

	@Test
	void shippedFlagsAreTheImagesEntryPointFlags() throws IOException {
		Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT \\[(.*?)\\]", Pattern.DOTALL)
			.matcher(Files.readString(DOCKERFILE));
		assertThat(entrypoint.find()).as("ENTRYPOINT in %s", DOCKERFILE).isTrue();
		List<String> words = Pattern.compile("\"([^\"]*)\"")
			.matcher(entrypoint.group(1))
			.results()
			.map((word) -> word.group(1))
			// Every JVM option but the cache, which each variant names for itself.
			.filter((word) -> word.startsWith("-X") && !word.startsWith("-XX:AOTCache="))
			.toList();
		assertThat(words).containsExactlyElementsOf(Variants.SHIPPED);
	}

	@Test
	void shippedVariantsRunTheParallelCollectorInTheChartsContainerSize() {
		BenchOptions options = BenchOptions.parse(new String[] { "--java25", "/opt/jdk-25" }, Path.of("/repo"));
		JvmVariant aot = Variants.all(options).get("java25-aot");
		assertThat(aot.flags()).containsExactly("-XX:MaxRAM=384m", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75",
				"-XX:+ExitOnOutOfMemoryError");
		assertThat(Variants.all(options).get("java25-lean").flags()).contains("-XX:+UseSerialGC")
			.doesNotContain("-XX:+UseParallelGC");
	}

}
