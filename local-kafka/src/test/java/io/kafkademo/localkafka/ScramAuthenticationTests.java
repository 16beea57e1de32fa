package io.kafkademo.localkafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScramAuthenticationTests {

	private static final String SPECIAL_PASSWORD = "p\"a\\ss; w=ord ünïcödé";

	@TempDir
	static Path workDir;

	private static ScramKafkaBroker broker;

	private static KafkaProvisioner provisioner;

	@BeforeAll
	static void startBroker() {
		// The admin user is created by the storage format step: its password goes through --add-scram.
		broker = ScramKafkaBroker.builder().workDir(workDir).adminPassword(SPECIAL_PASSWORD + ",]").build().start();
		provisioner = new KafkaProvisioner(broker.admin());
	}

	@AfterAll
	static void closeBroker() {
		broker.close();
	}

	@Test
	void userLogsInWithTheRightPassword() throws Exception {
		String user = TestClients.unique("alice");
		provisioner.createUser(user, "right");

		assertThat(clusterIdAs(user, "right")).isNotBlank();
	}

	@Test
	void wrongPasswordIsRejected() {
		String user = TestClients.unique("bob");
		provisioner.createUser(user, "right");

		assertThatThrownBy(() -> clusterIdAs(user, "wrong")).isInstanceOf(SaslAuthenticationException.class)
			.hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
	}

	@Test
	void unknownUserIsRejected() {
		assertThatThrownBy(() -> clusterIdAs(TestClients.unique("nobody"), "x"))
			.isInstanceOf(SaslAuthenticationException.class);
	}

	@Test
	void passwordWithQuotesBackslashesSemicolonsAndNonAsciiLettersAuthenticates() throws Exception {
		String user = TestClients.unique("carol");
		provisioner.createUser(user, SPECIAL_PASSWORD);

		assertThat(clusterIdAs(user, SPECIAL_PASSWORD)).isNotBlank();
	}

	@Test
	void adminCreatedAtFormatWithSpecialPasswordAuthenticates() throws Exception {
		assertThat(clusterIdAs("admin", SPECIAL_PASSWORD + ",]")).isNotBlank();
	}

	@Test
	void changedPasswordReplacesTheOldOne() throws Exception {
		String user = TestClients.unique("dave");
		provisioner.createUser(user, "old");

		provisioner.createUser(user, "new");

		assertThat(clusterIdAs(user, "new")).isNotBlank();
		assertThatThrownBy(() -> clusterIdAs(user, "old")).isInstanceOf(SaslAuthenticationException.class);
	}

	@Test
	void deletedUserCannotLogIn() throws Exception {
		String user = TestClients.unique("erin");
		provisioner.createUser(user, "pw");
		assertThat(clusterIdAs(user, "pw")).isNotBlank();

		provisioner.deleteUser(user);
		provisioner.deleteUser(user);

		assertThatThrownBy(() -> clusterIdAs(user, "pw")).isInstanceOf(SaslAuthenticationException.class);
	}

	@Test
	void certificateIsValidForTheLoopbackAddressToo() throws Exception {
		Map<String, Object> properties = broker.clientProperties("admin", SPECIAL_PASSWORD + ",]");
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				broker.bootstrapServers().replace("localhost", "127.0.0.1"));

		assertThat(clusterId(properties)).isNotBlank();
	}

	@Test
	void clientWithoutTheTruststoreRejectsTheBroker() {
		Map<String, Object> properties = broker.clientProperties("admin", SPECIAL_PASSWORD + ",]");
		properties.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
		properties.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
		properties.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);

		assertThatThrownBy(() -> clusterId(properties)).isInstanceOf(SslAuthenticationException.class);
	}

	private static String clusterIdAs(String user, String password) throws Exception {
		return clusterId(broker.clientProperties(user, password));
	}

	private static String clusterId(Map<String, Object> properties) throws Exception {
		try (Admin admin = TestClients.admin(properties)) {
			return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw (Exception) ex.getCause();
		}
	}

}
