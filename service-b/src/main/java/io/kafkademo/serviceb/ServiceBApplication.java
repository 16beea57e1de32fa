package io.kafkademo.serviceb;

import io.kafkademo.app.KafkaDemoApplication;

/** Service B: produces to bar-topic, consumes foo-topic as consumer-group-B. All behaviour lives in the shared module. */
public final class ServiceBApplication {

	private ServiceBApplication() {
	}

	public static void main(String[] args) {
		KafkaDemoApplication.run(args);
	}

}
