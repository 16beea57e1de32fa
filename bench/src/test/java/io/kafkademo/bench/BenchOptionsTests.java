package io.kafkademo.bench;

import java.nio.file.Path;

import io.kafkademo.bench.BenchOptions.Section;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	private static final Path REPOSITORY = Path.of("/repo");

	private static BenchOptions parse(String... args) {
		String[] withJava25 = new String[args.length + 2];
		withJava25[0] = "--java25";
		withJava25[1] = "/opt/jdk-25";
		System.arraycopy(args, 0, withJava25, 2, args.length);
		return BenchOptions.parse(withJava25, REPOSITORY);
	}

	@Test
	void defaultsMeasureEverythingThreeTimesWithEveryVariant() {
		BenchOptions options = parse();
		assertThat(options.runs()).isEqualTo(3);
		assertThat(options.sections()).containsExactlyInAnyOrder(Section.values());
		assertThat(options.idleSeconds()).isEqualTo(30);
		assertThat(options.variants()).containsExactly("java17", "java17-cds", "java25", "java25-aot", "java25-lean");
		assertThat(options.serviceJvm()).isEqualTo("java25-aot");
		assertThat(options.leanFlags()).isEqualTo(BenchOptions.DEFAULT_LEAN_FLAGS);
		assertThat(options.serviceEnvironment()).isEmpty();
		assertThat(options.java25()).isEqualTo(Path.of("/opt/jdk-25"));
	}

	@Test
	void quickMeansOneRunUnlessRunsAreGiven() {
		assertThat(parse("--quick").runs()).isEqualTo(1);
		assertThat(parse("--quick", "--runs", "3").runs()).isEqualTo(3);
		assertThat(parse("--runs", "5", "--quick").runs()).isEqualTo(5);
	}

	@Test
	void selectsSectionsVariantsFlagsAndServiceEnvironment() {
		BenchOptions options = parse("--only", "consumer, latency", "--variants", "java25-lean,java17",
				"--lean-flags", " -XX:+UseSerialGC  -Xss256k ", "--service-env", "A=1", "--service-env",
				"SPRING_APPLICATION_JSON={\"a\":\"b=c\"}");
		assertThat(options.sections()).containsExactlyInAnyOrder(Section.CONSUMER, Section.LATENCY);
		assertThat(options.variants()).containsExactly("java25-lean", "java17");
		assertThat(options.leanFlags()).containsExactly("-XX:+UseSerialGC", "-Xss256k");
		assertThat(options.serviceEnvironment()).containsEntry("A", "1")
			.containsEntry("SPRING_APPLICATION_JSON", "{\"a\":\"b=c\"}");
	}

	@Test
	void rejectsWhatItCannotMeasure() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--only", "producer,startup,gc"))
			.withMessageContaining("'gc'");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--variants", "java21"))
			.withMessageContaining("java21");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--service-jvm", "graal"))
			.withMessageContaining("graal");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--service-env", "=x"))
			.withMessageContaining("NAME=VALUE");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--runs", "0"));
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--runs"))
			.withMessageContaining("needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--fast"))
			.withMessageContaining("--fast");
	}

	@Test
	void leanVariantRunsTheLeanFlagsInTheChartsContainerSize() {
		BenchOptions options = parse("--lean-flags", "-XX:+UseSerialGC");
		JvmVariant lean = Variants.all(options).get("java25-lean");
		assertThat(lean.flags()).containsExactly("-XX:MaxRAM=384m", "-XX:+UseSerialGC");
		assertThat(lean.cache()).isEqualTo(JvmVariant.Cache.AOT);
		assertThat(lean.runOptions(Path.of("/app/a.jar"))).containsExactly("-XX:MaxRAM=384m", "-XX:+UseSerialGC",
				"-XX:AOTCache=/app/java25-lean.aot", "-XX:AOTMode=on");
		JvmVariant cds = Variants.all(options).get("java17-cds");
		assertThat(cds.runOptions(Path.of("/app/a.jar"))).endsWith("-XX:SharedArchiveFile=/app/java17-cds.jsa",
				"-Xshare:on");
	}

}
