package io.kafkademo.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatException;

/** values.schema.json rejects unknown keys and wrong types, naming the offending key. */
class ValuesSchemaTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			replicas: 3                                                  | replicas
			serviceMonitor: {enabled: "yes"}                             | enabled
			messageFrequency: 10                                         | messageFrequency
			services: {kafka-demo-service-a: {replicaCount: three}}      | replicaCount
			services: {kafka-demo-service-b: {topic1: foo-topic}}        | topic1
			logging: {format: xml}                                       | format
			networkPolicy: {kafkaPort: "9096"}                           | kafkaPort
			serviceAccount: {irsaRoleArn: my-role}                       | irsaRoleArn
			""")
	void rejectsABadValuesFileNamingTheKey(String values, String key, @TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("bad-values.yaml"), values + "\n");
		assertThatException().isThrownBy(() -> KafkaDemoChart.template(file))
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining(key);
	}

}
