package io.kafkademo.servicea;

import io.kafkademo.app.KafkaDemoApplication;

/** Service A: produces to foo-topic, consumes bar-topic as consumer-group-A. All behaviour lives in the shared module. */
public final class ServiceAApplication {

	private ServiceAApplication() {
	}

	public static void main(String[] args) {
		KafkaDemoApplication.run(args);
	}

}
