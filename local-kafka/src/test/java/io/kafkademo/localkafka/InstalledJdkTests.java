package io.kafkademo.localkafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class InstalledJdkTests {

	@TempDir
	Path dir;

	@Test
	void recognisesTheFeatureVersionFromTheReleaseFileNotTheDirectoryName() throws IOException {
		Path java17 = jdk("jdk-17.0.25", "17.0.25");
		assertThat(InstalledJdk.is(java17, 17, "java")).isTrue();
		assertThat(InstalledJdk.is(java17, 25, "java")).isFalse();
		assertThat(InstalledJdk.is(jdk("temurin-25", "25"), 25, "java")).isTrue();
		assertThat(InstalledJdk.is(jdk("jdk-250", "250.1"), 25, "java")).isFalse();
	}

	@Test
	void requiresTheTool() throws IOException {
		Path jdk = jdk("temurin-25", "25.0.3");
		assertThat(InstalledJdk.is(jdk, 25, "jlink")).isFalse();
		assertThat(InstalledJdk.is(this.dir.resolve("missing"), 25, "java")).isFalse();
	}

	@Test
	void theRunningJdkIsItsOwnFeatureVersion() {
		Path home = Path.of(System.getProperty("java.home"));
		assertThat(InstalledJdk.is(home, Runtime.version().feature(), "java")).isTrue();
	}

	private Path jdk(String name, String version) throws IOException {
		Path home = Files.createDirectories(this.dir.resolve(name).resolve("bin"));
		Path java = Files.createFile(home.resolve("java"));
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(home.getParent().resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
		return home.getParent();
	}

}
