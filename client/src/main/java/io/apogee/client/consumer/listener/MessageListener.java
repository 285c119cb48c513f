package io.apogee.client.consumer.listener;

/** Marker of the two push-consumer listener kinds: {@link MessageListenerConcurrently} and {@link MessageListenerOrderly}. */
public interface MessageListener {
}
