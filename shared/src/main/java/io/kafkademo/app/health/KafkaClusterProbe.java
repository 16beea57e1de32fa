package io.kafkademo.app.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.kafkademo.app.messaging.KafkaFailures;
import io.kafkademo.app.messaging.MessagingProperties;
import io.kafkademo.app.security.KafkaClientSecurity;
import io.kafkademo.app.security.ScramCredentialsProvider;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Checks at a fixed interval, with the service's own credentials, that the cluster is reachable, accepts them, and
 * lets this service see both its topics. The result drives readiness, and a failing check is logged once per interval:
 * the operator's one clear line for "unreachable", "wrong password" or "missing ACL".
 * <p>
 * The checks start as soon as the probe is created, not when the context has started: the first one (TLS handshake,
 * SCRAM login, ~1 s on a cold JVM) then runs while the other beans are created and the web server and the listener
 * start, instead of delaying readiness after them. The checks run until the context is closed.
 */
@Component
public class KafkaClusterProbe implements InitializingBean, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(KafkaClusterProbe.class);

	private final KafkaAdmin kafkaAdmin;

	private final KafkaClientSecurity security;

	private final ScramCredentialsProvider credentials;

	private final List<String> topics;

	private final Duration interval;

	private volatile ScheduledExecutorService executor;

	private volatile Admin admin;

	private volatile Result last = new Result(false, "no check has run yet", Instant.now());

	public KafkaClusterProbe(KafkaAdmin kafkaAdmin, KafkaClientSecurity security, ScramCredentialsProvider credentials,
			MessagingProperties messaging, @Value("${demo.health.probe-interval:10s}") Duration interval) {
		this.kafkaAdmin = kafkaAdmin;
		this.security = security;
		this.credentials = credentials;
		this.topics = List.of(messaging.produceTopic(), messaging.consumeTopic());
		this.interval = interval;
	}

	/** The outcome of the latest check. */
	public Result last() {
		return this.last;
	}

	/** How often the cluster is checked. */
	public Duration interval() {
		return this.interval;
	}

	@Override
	public void afterPropertiesSet() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kafka-readiness-probe");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::check, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	void check() {
		Result result;
		try {
			admin().describeTopics(this.topics, new DescribeTopicsOptions().timeoutMs((int) this.interval.toMillis()))
				.allTopicNames()
				.get(this.interval.toMillis() + 1000, TimeUnit.MILLISECONDS);
			result = new Result(true, "topics " + this.topics + " are reachable", Instant.now());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			Throwable cause = KafkaFailures.rootCause(ex);
			if (cause instanceof AuthenticationException) {
				this.credentials.authenticationFailed();
			}
			result = new Result(false, KafkaFailures.describe(ex), Instant.now());
		}
		Result previous = this.last;
		this.last = result;
		if (!result.ok()) {
			logger.warn("Kafka cluster check failed for {}: {}; next check in {}s", bootstrapServers(), result.detail(),
					this.interval.toSeconds());
		}
		else if (!previous.ok()) {
			logger.info("Kafka cluster check passed: {}", result.detail());
		}
	}

	/** Created by the first check, on the probe's thread: building the client and its TLS context is not start-up's. */
	private Admin admin() {
		Admin client = this.admin;
		if (client == null) {
			Map<String, Object> configs = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
			configs.putAll(this.security.properties());
			configs.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-demo-readiness-probe");
			configs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.interval.toMillis());
			configs.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.interval.toMillis());
			client = Admin.create(configs);
			this.admin = client;
		}
		return client;
	}

	/** As the operator configured them: {@code host:port,host:port}, not a Java list. */
	private String bootstrapServers() {
		Object servers = this.kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		return (servers instanceof Collection<?> list) ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
				: String.valueOf(servers);
	}

	@Override
	public void destroy() throws InterruptedException {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdownNow();
			// A check may be creating the client: let it finish, so that the client below is the last one.
			scheduler.awaitTermination(2, TimeUnit.SECONDS);
			this.executor = null;
		}
		Admin client = this.admin;
		if (client != null) {
			client.close(Duration.ofSeconds(2));
			this.admin = null;
		}
	}

	/** One check's outcome. */
	public record Result(boolean ok, String detail, Instant at) {
	}

}
