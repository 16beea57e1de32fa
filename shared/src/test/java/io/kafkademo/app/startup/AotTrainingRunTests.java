package io.kafkademo.app.startup;

import java.util.Map;

import io.kafkademo.app.KafkaDemoApplication;
import io.kafkademo.app.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AotTrainingRunTests {

	/** As docker/Dockerfile's training run sets it: no broker answers at port 9, no AWS. */
	private static final Map<String, String> TRAINING = Map.of("TOPIC1", "foo-topic", "TOPIC2", "bar-topic", "GROUP",
			"consumer-group-A", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "KAFKA_SASL_USERNAME", "training",
			"KAFKA_SASL_PASSWORD", "training", "HOSTNAME", "aot-training", AotTrainingRun.ENABLED, "true");

	@Test
	void trainingRunCallsTheProbeAndMetricsEndpointsAndCloses(CapturedOutput output) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KafkaDemoApplication.class)
			.run(RunningService.arguments("kafka-demo-service-a", TRAINING));
		assertThat(context.isActive()).as("context after the training run").isFalse();
		assertThat(output).contains("Tomcat started on port")
			.contains("AOT training run: rehearsed a broker connection's TLS handshake (TLSv1.3 TLS_")
			.contains("AOT training run: called 3 endpoints 5 times each (HTTP status"
					+ " {/actuator/health/liveness=200, /actuator/health/readiness=503, /actuator/prometheus=200})");
	}

	@Test
	void onlyTheTrainingRunHasIt() {
		ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(AotTrainingRun.class);
		runner.run((context) -> assertThat(context).doesNotHaveBean(AotTrainingRun.class));
		runner.withPropertyValues(AotTrainingRun.ENABLED + "=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AotTrainingRun.class));
		runner.withPropertyValues(AotTrainingRun.ENABLED + "=true")
			.run((context) -> assertThat(context).hasSingleBean(AotTrainingRun.class));
	}

}
