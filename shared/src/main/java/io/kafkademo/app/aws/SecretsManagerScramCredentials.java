package io.kafkademo.app.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.kafkademo.app.config.InvalidSettingException;
import io.kafkademo.app.security.ScramCredentials;
import io.kafkademo.app.security.ScramCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCRAM credentials from the Secrets Manager secret {@code MSK_SECRET_ID}. The secret is read at start-up (where a
 * failure stops the service), used for {@code MSK_SECRET_REFRESH}, and read again at once when the broker rejects
 * the credentials: SCRAM authenticates only when a connection opens, so after a rotation the first reconnect that
 * fails fetches the new password and the next one succeeds, without a restart.
 */
class SecretsManagerScramCredentials implements ScramCredentialsProvider {

	/**
	 * The least time between two reads. The readiness probe and the listener both report a rejection, and keep
	 * reporting it while the broker does not know the new password yet; one read per few seconds is plenty.
	 */
	static final Duration MIN_TIME_BETWEEN_READS = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(SecretsManagerScramCredentials.class);

	private final ScramSecretReader reader;

	private final Duration refresh;

	private final Clock clock;

	private volatile Cached cached;

	private Instant lastRead;

	SecretsManagerScramCredentials(ScramSecretReader reader, Duration refresh, Clock clock) {
		this.reader = reader;
		this.refresh = refresh;
		this.clock = clock;
		this.lastRead = clock.instant();
		this.cached = new Cached(reader.read(), this.lastRead);
		logger.info("SCRAM credentials for user {} read from Secrets Manager secret {} (version {}); read again every"
				+ " {} and when the broker rejects them", this.cached.secret().credentials().username(),
				reader.secretId(), this.cached.secret().versionId(), shortForm(refresh));
	}

	@Override
	public ScramCredentials current() {
		// Runs on a Kafka client's network thread during a login (a new connection or a re-authentication). A stale copy
		// costs that thread one read, bounded by AwsCallTimeouts, at most once per MSK_SECRET_REFRESH.
		if (!this.clock.instant().isBefore(this.cached.readAt().plus(this.refresh))) {
			reread("they are " + shortForm(this.refresh) + " old");
		}
		return this.cached.secret().credentials();
	}

	@Override
	public void authenticationFailed() {
		reread("the broker rejected them");
	}

	private synchronized void reread(String reason) {
		Instant now = this.clock.instant();
		if (now.isBefore(this.lastRead.plus(MIN_TIME_BETWEEN_READS))) {
			return;
		}
		this.lastRead = now;
		ScramSecret previous = this.cached.secret();
		ScramSecret next;
		try {
			next = this.reader.read();
		}
		catch (RuntimeException ex) {
			// Keep going with what we have: the old password may still be valid, and a Kafka handshake must not fail
			// because Secrets Manager is briefly unreachable.
			String problem = (ex instanceof InvalidSettingException) ? ex.getMessage()
					: ex.getClass().getSimpleName();
			logger.warn("Could not read the SCRAM credentials again ({}): {}; still using version {}, next try in at"
					+ " least {}s", reason, problem, previous.versionId(), MIN_TIME_BETWEEN_READS.toSeconds());
			return;
		}
		this.cached = new Cached(next, now);
		if (!next.credentials().equals(previous.credentials())) {
			logger.info("SCRAM credentials changed: read Secrets Manager secret {} again because {}; now version {} for"
					+ " user {}, used from the next connection on", this.reader.secretId(), reason,
					next.versionId(), next.credentials().username());
		}
		else {
			logger.debug("SCRAM credentials unchanged: read Secrets Manager secret {} again because {}; still"
					+ " version {}", this.reader.secretId(), reason, next.versionId());
		}
	}

	/** {@code 5m} rather than {@code PT5M}. */
	private static String shortForm(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	private record Cached(ScramSecret secret, Instant readAt) {
	}

}
