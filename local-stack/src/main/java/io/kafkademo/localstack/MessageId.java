package io.kafkademo.localstack;

/**
 * A ping-pong message as the services name it in their logs: the producing host and its sequence number, as in
 * {@code This is message 12 from host kafka-demo-service-a-1}. Sequences restart at 0 when a replica restarts.
 */
public record MessageId(String host, long sequence) {

	@Override
	public String toString() {
		return this.host + "#" + this.sequence;
	}

}
