package io.kafkademo.app.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.callback.TextOutputCallback;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScramCredentialsCallbackHandlerTests {

	@Test
	void everyHandshakeAsksTheProviderForTheCurrentCredentials() throws Exception {
		AtomicReference<ScramCredentials> current = new AtomicReference<>(new ScramCredentials("svc-a", "old"));
		ScramCredentialsCallbackHandler handler = new ScramCredentialsCallbackHandler();
		handler.configure(Map.of(ScramCredentialsCallbackHandler.PROVIDER_CONFIG, (ScramCredentialsProvider) current::get),
				"SCRAM-SHA-512", List.of());
		assertThat(password(handler)).isEqualTo("old");
		current.set(new ScramCredentials("svc-a", "rotated"));
		assertThat(password(handler)).isEqualTo("rotated");
	}

	@Test
	void refusesToRunWithoutAProvider() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> new ScramCredentialsCallbackHandler().configure(Map.of(), "SCRAM-SHA-512", List.of()));
	}

	@Test
	void rejectsCallbacksItDoesNotKnow() {
		ScramCredentialsCallbackHandler handler = new ScramCredentialsCallbackHandler();
		handler.configure(Map.of(ScramCredentialsCallbackHandler.PROVIDER_CONFIG,
				(ScramCredentialsProvider) () -> new ScramCredentials("u", "p")), "SCRAM-SHA-512", List.of());
		assertThatExceptionOfType(UnsupportedCallbackException.class)
			.isThrownBy(() -> handler.handle(new Callback[] { new TextOutputCallback(0, "x") }));
	}

	@Test
	void credentialsNeverPrintTheirPassword() {
		assertThat(new ScramCredentials("svc-a", "s3cret")).hasToString("ScramCredentials[username=svc-a, password=******]");
	}

	private static String password(ScramCredentialsCallbackHandler handler) throws Exception {
		NameCallback name = new NameCallback("user");
		PasswordCallback password = new PasswordCallback("password", false);
		handler.handle(new Callback[] { name, password, new ScramExtensionsCallback() });
		assertThat(name.getName()).isEqualTo("svc-a");
		return new String(password.getPassword());
	}

}
