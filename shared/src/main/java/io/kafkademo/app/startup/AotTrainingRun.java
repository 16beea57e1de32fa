package io.kafkademo.app.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The workload of the AOT cache's training run ({@code docker/Dockerfile}, the benchmark): with
 * {@code demo.aot-training=true} the service starts as a pod does, against a Kafka address where nothing answers,
 * rehearses the TLS handshake its Kafka clients cannot make there ({@link BrokerConnectionRehearsal}), calls its own
 * probe and metrics endpoints as the kubelet and Prometheus do, then closes, so that the JVM exits and writes the
 * cache. Exiting at refresh instead ({@code spring.context.exit=onRefresh}) leaves out everything that
 * starts after it - the web server, the Kafka clients, the endpoints' request handling - and a replica then took
 * ~0.2 s longer to become ready (bench/BENCHMARK.md).
 */
@Component
@ConditionalOnBooleanProperty(AotTrainingRun.ENABLED)
class AotTrainingRun implements ApplicationListener<ApplicationReadyEvent>, Ordered {

	/** Set only by the training run. */
	static final String ENABLED = "demo.aot-training";

	/** What the kubelet and Prometheus call, each a few times so that their request handling is linked too. */
	static final List<String> PATHS = List.of("/actuator/health/readiness", "/actuator/health/liveness",
			"/actuator/prometheus");

	static final int ROUNDS = 5;

	private static final Logger logger = LoggerFactory.getLogger(AotTrainingRun.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		rehearseBrokerConnection();
		Map<String, Integer> statuses = new TreeMap<>();
		for (int round = 0; round < ROUNDS; round++) {
			for (String path : PATHS) {
				statuses.put(path, get(port, path));
			}
		}
		logger.info("AOT training run: called {} endpoints {} times each (HTTP status {}); closing, so that the JVM"
				+ " exits and writes its cache", PATHS.size(), ROUNDS, statuses);
		SpringApplication.exit(context);
	}

	/**
	 * Without it the cache is still valid, only colder: the training run goes on, and says so in the image build's
	 * output.
	 */
	private static void rehearseBrokerConnection() {
		try {
			logger.info("AOT training run: rehearsed a broker connection's TLS handshake ({})",
					BrokerConnectionRehearsal.perform());
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			logger.warn("AOT training run: no TLS handshake rehearsed, so pods will load the TLS classes at their first"
					+ " broker connection: {}", ex.toString());
		}
	}

	/**
	 * The JDK's plain HTTP client rather than {@code java.net.http}: whatever the training run loads ends up in every
	 * pod's cache, and this one is a few dozen classes of {@code java.base}.
	 */
	private static int get(int port, String path) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path)
				.toURL()
				.openConnection();
			try {
				int status = connection.getResponseCode();
				try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
					if (body != null) {
						body.transferTo(OutputStream.nullOutputStream());
					}
				}
				return status;
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("AOT training run: GET " + path + " failed", ex);
		}
	}

	@Override
	public int getOrder() {
		// After every other listener of the event: they run on a context that is still open.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
