package io.kafkademo.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kafkademo.app.KafkaDemoApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One service replica running in the test JVM exactly as its jar would run it: the shared configuration contract,
 * environment variables (passed as highest-precedence properties of the same names) and a real HTTP port.
 */
public final class RunningService implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ConfigurableApplicationContext context;

	private RunningService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts a replica of {@code application} (e.g. {@code kafka-demo-service-a}) with the given environment. */
	public static RunningService start(String application, Map<String, String> environment) {
		return new RunningService(new SpringApplicationBuilder(KafkaDemoApplication.class).run(arguments(application,
				environment)));
	}

	/** The command-line arguments that make a context see {@code environment} as its environment variables. */
	public static String[] arguments(String application, Map<String, String> environment) {
		List<String> args = new ArrayList<>();
		args.add("--spring.application.name=" + application);
		args.add("--spring.config.import=classpath:kafka-demo-app.yaml");
		args.add("--SERVER_PORT=0");
		args.add("--demo.health.probe-interval=1s");
		environment.forEach((name, value) -> args.add("--" + name + "=" + value));
		return args.toArray(String[]::new);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** GETs an actuator path such as {@code /actuator/health/readiness}. */
	public HttpResponse<String> get(String path) {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** HTTP status of the readiness probe: 200 when UP, 503 when DOWN. */
	public int readiness() {
		return get("/actuator/health/readiness").statusCode();
	}

	/** The Prometheus scrape. */
	public String prometheus() {
		return get("/actuator/prometheus").body();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
